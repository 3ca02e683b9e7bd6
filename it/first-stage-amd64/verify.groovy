// The first stage's tarball holds what debootstrap --foreign leaves, with owners and modes from the model.
def target = new File(basedir, 'target')
def tar = new File(target, 'first-stage-amd64-1.0.tar')
assert tar.isFile() : "no tarball at ${tar}"
assert new File(target, 'first-stage-amd64-1.0.squashfs').isFile()
def manifest = new File(target, 'first-stage-amd64-1.0.manifest').readLines()
assert manifest.any { it.startsWith('base-files ') } && manifest.any { it.startsWith('dpkg ') }

def listing = ['tar', '--numeric-owner', '-tvf', tar.path].execute().text.readLines()
def line = { String path -> listing.find { it.endsWith(' ' + path) } }
assert line('./usr/bin/passwd')?.startsWith('-rwsr-xr-x 0/0') : line('./usr/bin/passwd')
assert line('./dev/null')?.startsWith('crw-rw-rw- 0/0') && line('./dev/null').contains(' 1,3 ')
assert line('./var/local/')?.startsWith('drwxrwsr-x 0/50') : line('./var/local/')
assert line('./bin -> usr/bin') != null : 'merged /usr: /bin is a symlink into /usr'
def dates = listing.collect { (it =~ / (\d{4}-\d\d-\d\d \d\d:\d\d) /)[0][1] }
assert dates.every { it <= '2024-01-01 00:00' } : 'no mtime after project.build.outputTimestamp (they are clamped)'
assert dates.count { it == '2024-01-01 00:00' } > 100 : 'generated files carry the output timestamp'

def status = ['tar', '-xOf', tar.path, './var/lib/dpkg/status'].execute().text
def packages = status.readLines().findAll { it.startsWith('Package: ') }
// The SquashFS image (zstd, level 15 through zstd-jni inside Maven's plugin class loader) lists the same paths.
def sqfs = new File(target, 'first-stage-amd64-1.0.squashfs').path
assert ['unsquashfs', '-s', sqfs].execute().text.contains('Compression zstd')
def sqfsPaths = ['unsquashfs', '-l', '-d', 'R', sqfs].execute().text.readLines()
    .findAll { it.startsWith('R/') }.collect { it.substring(2) }.toSet()
def tarPaths = ['tar', '-tf', tar.path].execute().text.readLines()
    .collect { it.replaceFirst('^\\./', '').replaceFirst('/$', '') }.findAll { it }.toSet()
assert tarPaths.size() > 5000 && sqfsPaths == tarPaths : "squashfs and tar differ: ${(sqfsPaths - tarPaths).take(5)} ${(tarPaths - sqfsPaths).take(5)}"

assert packages.size() == manifest.size() : "status has ${packages.size()} packages, manifest ${manifest.size()}"
assert status.readLines().findAll { it.startsWith('Status: ') }.every { it == 'Status: install ok unpacked' }

// The documented way to finish an unconfigured tree: its own script, run as root in it (here: a chroot).
assert line('./var/lib/rootfs/second-stage.sh')?.startsWith('-rwxr-xr-x 0/0')
def root = new File(target, 'finish')
root.mkdirs()
['tar', '--numeric-owner', '-xpf', tar.path, '-C', root.path].execute().waitFor()
def p = ['unshare', '--mount', '--pid', '--fork', '--mount-proc', 'sh', '-c',
         "mount -t proc proc '${root}/proc' && chroot '${root}' sh /var/lib/rootfs/second-stage.sh"].execute()
def out = new StringBuilder()
p.waitForProcessOutput(out, out)
assert p.exitValue() == 0 : out
def finished = new File(root, 'var/lib/dpkg/status').readLines().findAll { it.startsWith('Status: ') }
assert finished.size() == manifest.size() && finished.every { it == 'Status: install ok installed' }
assert !new File(root, 'usr/sbin/policy-rc.d').exists() && !new File(root, 'var/lib/rootfs/second-stage.sh').exists()

// The same inputs again: the up-to-date check keeps the image, byte for byte.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
return true
