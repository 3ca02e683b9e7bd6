// The qemu-arm64 preset, as a new user meets it: an ordinary user generates the project from this archetype and
// builds it with `mvn package` (bookworm arm64, variant important, linux-image-arm64, systemd; the second stage runs
// under qemu-user). Then, as root, the image's tarball becomes an ext4 disk and qemu-system-aarch64 boots the image's
// own kernel and initrd; the serial console must reach a login prompt, accept root's password and report a
// running system with every package installed and dpkg's audit clean.
def it = new GroovyShell(binding).parse(new File(itSupport))
long t0 = System.currentTimeMillis()
def secs = { long since -> (System.currentTimeMillis() - since) / 1000 }

/** "bootstrap 21 s, configure 530 s, ..." from the times on the lines that start each goal and on the last line. */
String goalTimes(String log) {
  def stamp = { String line -> def t = line.substring(0, 8).split(':')*.toInteger(); (t[0] * 60 + t[1]) * 60 + t[2] }
  def starts = log.readLines().findAll { it =~ /^\d\d:\d\d:\d\d \[INFO\] --- rootfs-maven-plugin:[^:]+:(\w+) / }
  def end = log.readLines().findAll { it =~ /^\d\d:\d\d:\d\d / }.last()
  def times = []
  starts.eachWithIndex { line, i ->
    int took = (stamp(i + 1 < starts.size() ? starts[i + 1] : end) - stamp(line) + 86400) % 86400
    times << (line =~ /:(\w+) \(/)[0][1] + ' ' + took + ' s'
  }
  return times.join(', ')
}

def work = new File(it.itTmp() + 'boot-qemu-arm64')
def repo = it.userRepository(localRepositoryPath)
def project = it.generateBoard('qemu-arm64', work, repo, archetypeVersion)
// Root's password "rootfs" (SHA-512 crypt), so the test can log in; tar.zst instead of the preset's tar.xz and
// squashfs only to keep CI short (xz of a 600 MB tree takes minutes on two cores).
def hash = it.run(['openssl', 'passwd', '-6', '-salt', 'rootfsit', 'rootfs']).trim()
long built = System.currentTimeMillis()
// Not quiet, with a time on every line: the log says how long each goal and each slow second-stage step took.
def timed = ['-Dorg.slf4j.simpleLogger.showDateTime=true', '-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss']
def buildLog = it.asUser(['mvn', '-B', '-Dmaven.repo.local=' + repo.path] + timed
                         + ['-Drootfs.rootPassword=' + hash, '-Drootfs.formats=tar.zst', 'package'], project)
new File(work, 'build.log').text = buildLog
println "boot-qemu-arm64: generated and built as ${it.user()} in ${secs(built)} s; " + goalTimes(buildLog)
buildLog.readLines().findAll { it.contains('second stage: step ') }.each { println '  ' + it }

def image = new File(project, 'target/qemu-arm64-rootfs-1.0-SNAPSHOT.tar.zst')
assert image.isFile()
def root = new File(work, 'root')
root.mkdirs()
it.run(['sh', '-c', "zstd -q -d -c '${image}' | tar --numeric-owner -xpf - -C '${root}'"])
def status = new File(root, 'var/lib/dpkg/status').readLines().findAll { it.startsWith('Status: ') }
assert status.size() > 150 && status.every { it == 'Status: install ok installed' } : status.unique()
def disk = new File(work, 'root.ext4')
it.run(['mkfs.ext4', '-q', '-d', root.path, '-E', 'root_owner=0:0', '-L', 'rootfs', disk.path, '3G'])
def kernel = new File(root, 'boot').listFiles().find { it.name.startsWith('vmlinuz-') }
def initrd = new File(root, 'boot').listFiles().find { it.name.startsWith('initrd.img-') }
assert kernel && initrd : 'the image has no kernel or initrd in /boot'

def qemu = new ProcessBuilder('qemu-system-aarch64', '-M', 'virt', '-cpu', 'cortex-a57', '-smp', '2', '-m', '2048',
    '-nographic', '-no-reboot', '-kernel', kernel.path, '-initrd', initrd.path,
    '-append', 'root=/dev/vda rw console=ttyAMA0',
    '-drive', "file=${disk},format=raw,if=none,id=hd0", '-device', 'virtio-blk-device,drive=hd0',
    '-netdev', 'user,id=n0', '-device', 'virtio-net-device,netdev=n0').redirectErrorStream(true).start()
def console = new StringBuffer()
Thread.start { qemu.inputStream.eachByte(4096) { byte[] b, int n -> console.append(new String(b, 0, n, 'UTF-8')) } }
def log = new File(work, 'console.log')
def waitFor = { String what, int seconds ->
  long deadline = System.currentTimeMillis() + seconds * 1000L
  while (!console.toString().contains(what)) {
    if (!qemu.alive || System.currentTimeMillis() > deadline) {
      log.text = console.toString()
      assert false : "no '${what}' on the serial console within ${seconds} s; last lines:\n" +
          console.toString().readLines().takeRight(25).join('\n')
    }
    sleep 500
  }
}
def type = { String line -> qemu.outputStream.write((line + '\n').bytes); qemu.outputStream.flush() }
long booting = System.currentTimeMillis()
try {
  waitFor('qemu-arm64 login:', 600)
  println "boot-qemu-arm64: login prompt after ${secs(booting)} s"
  type('root')
  waitFor('Password:', 60)
  type('rootfs')
  waitFor('root@qemu-arm64:~#', 60)
  type('systemctl is-system-running --wait; dpkg --audit && echo AUDIT-$((6 * 7))')
  waitFor('AUDIT-42', 300)
  def state = console.toString().readLines().find { it.trim() in ['running', 'degraded', 'starting', 'maintenance'] }
  log.text = console.toString()
  assert state?.trim() in ['running', 'degraded'] : "system state: ${state}"
  if (state.trim() == 'degraded') {
    type('systemctl --failed --no-legend --plain; echo FAILED-DONE')
    waitFor('FAILED-DONE\r\n', 60)
    println "boot-qemu-arm64: degraded; failed units:\n" + console.toString().readLines().takeRight(8).join('\n')
  }
  type('poweroff')
  qemu.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)
} finally {
  log.text = console.toString()
  qemu.destroyForcibly()
}
println "boot-qemu-arm64: booted, logged in and checked in ${secs(booting)} s; whole test ${secs(t0)} s"
return true
