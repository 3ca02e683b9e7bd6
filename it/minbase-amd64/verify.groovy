// Both stages as an ordinary user: bookworm amd64 minbase configured by its own dpkg under the user namespace and
// the target's fakeroot, customized, written as tar.zst. Inside the result every package is installed, dpkg --audit
// and apt-get check are clean, and the owners the maintainer scripts set are in the image.
def it = new GroovyShell(binding).parse(new File(itSupport))
def work = it.buildAsUser(basedir, localRepositoryPath, testCache)
def image = new File(work, 'target/minbase-amd64-1.0.tar.zst')
assert image.isFile()
def tar = new File(work, 'target/image.tar')
it.run(['sh', '-c', "zstd -q -d -c '${image}' > '${tar}'"])

def got = it.listing(tar)
assert got['etc/shadow'][0..2] == ['-rw-r-----', '0', '42'] : got['etc/shadow']
assert got['var/mail'][0..2] == ['drwxrwsr-x', '0', '8'] : got['var/mail']
assert got['usr/bin/passwd'][0..2] == ['-rwsr-xr-x', '0', '0']
assert got['home/debian'][0..2] == ['drwx------', '1000', '1000']
it.assertNoBuildLeftovers(got)
// src/main/hooks ran after the overlay and the accounts, and its chown reached the image
assert got['etc/board-release'][0..2] == ['-rw-r--r--', '0', '0']
assert got['srv/hooked'][0..2] == ['drwxr-xr-x', '1000', '1000'] : got['srv/hooked']

// Look inside as root: extract and run the image's own dpkg and apt.
def root = new File(work, 'target/root')
root.mkdirs()
it.run(['tar', '--numeric-owner', '-xpf', tar.path, '-C', root.path])
def status = new File(root, 'var/lib/dpkg/status').readLines().findAll { it.startsWith('Status: ') }
assert status.size() > 80 && status.every { it == 'Status: install ok installed' }
assert it.run(['chroot', root.path, 'dpkg', '--audit']).trim().isEmpty()
it.run(['chroot', root.path, 'apt-get', 'check'])
assert new File(root, 'etc/hostname').text == 'it-board\n'

// iputils-ping's postinst ran setcap under the target's fakeroot: the capability reached the image (as the kernel
// stores it) and the setuid bit is gone, as on a system where dpkg ran as root.
assert got['usr/bin/ping'][0..2] == ['-rwxr-xr-x', '0', '0'] : got['usr/bin/ping']
def withXattrs = new File(work, 'target/xattrs')
withXattrs.mkdirs()
it.run(['tar', '--xattrs', '--xattrs-include=*', '--numeric-owner', '-xpf', tar.path, '-C', withXattrs.path,
        './usr/bin/ping'])
assert it.run(['getfattr', '-n', 'security.capability', '-e', 'base64', new File(withXattrs, 'usr/bin/ping').path])
    .contains('security.capability=0sAQAAAgAgAAAAAAAAAAAAAAAAAAA=')
assert new File(root, 'etc/passwd').text.contains('\ndebian:x:1000:1000:')
return true
