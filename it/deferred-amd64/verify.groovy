// secondStage=deferred: the image leaves the build unpacked and configures itself on its first boot. The first boot
// is played as root the way the kernel starts it: /sbin/init as PID 1 of a new PID namespace, in a chroot of the
// extracted tarball, with nothing mounted; the script must mount what it needs, finish every package, take itself
// away and (minbase has no init of its own) start a shell, which ends at once here on an empty stdin.
def target = new File(basedir, 'target')
def tar = new File(target, 'deferred-amd64-1.0.tar')
assert tar.isFile() : "no tarball at ${tar}"
def manifest = new File(target, 'deferred-amd64-1.0.manifest').readLines()
assert new File(basedir, 'build.log').text.contains('a read-only root cannot configure itself') :
    'no warning that the SquashFS image of a deferred build cannot finish itself'

def listing = ['tar', '--numeric-owner', '-tvf', tar.path].execute().text.readLines()
def line = { String path -> listing.find { it.endsWith(' ' + path) } }
assert line('./usr/sbin/init')?.startsWith('-rwxr-xr-x 0/0') : 'the first-boot init is in the image: ' + line('./usr/sbin/init')
assert line('./var/lib/rootfs/second-stage.sh')?.startsWith('-rwxr-xr-x 0/0')
assert line('./usr/sbin/policy-rc.d') != null : 'no service starts while the device configures'
def status = ['tar', '-xOf', tar.path, './var/lib/dpkg/status'].execute().text
assert status.readLines().findAll { it.startsWith('Status: ') }.every { it == 'Status: install ok unpacked' }

def root = new File(target, 'device')
['rm', '-rf', root.path].execute().waitFor()
root.mkdirs()
assert ['tar', '--numeric-owner', '-xpf', tar.path, '-C', root.path].execute().waitFor() == 0
def p = ['unshare', '--mount', '--pid', '--fork', '--kill-child', 'chroot', root.path, '/sbin/init'].execute()
p.outputStream.close()
def out = new StringBuilder()
p.waitForProcessOutput(out, out)
assert p.exitValue() == 0 : out
assert out.contains('rootfs: first boot: packages configured') : out
assert out.contains('rootfs: no init installed; starting a shell') : out
def finished = new File(root, 'var/lib/dpkg/status').readLines().findAll { it.startsWith('Status: ') }
assert finished.size() == manifest.size() && finished.every { it == 'Status: install ok installed' } : finished.unique()
['usr/sbin/init', 'usr/sbin/policy-rc.d', 'var/lib/rootfs/second-stage.sh'].each {
  assert !new File(root, it).exists() : "${it} is still there after the first boot"
}
// What the script mounted lived in the namespace that ended with it.
assert !new File('/proc/mounts').text.contains(root.path) : 'a mount of the first boot outlived it'
['rm', '-rf', root.path].execute().waitFor()
return true
