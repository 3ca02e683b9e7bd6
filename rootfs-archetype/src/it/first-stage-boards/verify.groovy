// The presets the boot test does not build, through their first stage (rootfs:bootstrap), as a new user gets them:
// generated from this archetype and run by the ordinary user, with no mirror configured (the host's).
//  - rpi4 needs non-free-firmware, which the host's sources may not list: the preset's <components> must reach the
//    build, with raspi-firmware and the Wi-Fi firmware unpacked.
//  - beaglebone-black (armhf) gets its kernel, u-boot-omap's MLO and u-boot-menu. It names the mirror: this test's
//    mirror serves bookworm-security's armhf index shorter than its InRelease says (boards page).
//  - qemu-riscv64 (trixie) either unpacks its kernel or, while the mirror's riscv64 index does not match its
//    InRelease, fails with an error that names the index and both digests, before anything is downloaded.
def it = new GroovyShell(binding).parse(new File(itSupport))
def repo = it.userRepository(localRepositoryPath)
def bootstrap = { String board, List extra ->
  def project = it.generateBoard(board, new File(it.itTmp() + 'first-stage-' + board), repo, archetypeVersion)
  long started = System.currentTimeMillis()
  it.asUser(['mvn', '-B', '-Dmaven.repo.local=' + repo.path] + extra + ['rootfs:bootstrap'], project)
  println "first-stage-boards: ${board} first stage in ${(System.currentTimeMillis() - started) / 1000} s"
  return new File(project, 'target/rootfs/tree')
}
def unpacked = { File tree ->
  def status = new File(tree, 'var/lib/dpkg/status').text.split('\n\n')
  status.findAll { it.contains('\nStatus: install ok unpacked') }.collect { (it =~ /(?m)^Package: (\S+)/)[0][1] } as Set
}

def rpi4 = bootstrap('rpi4', [])
assert unpacked(rpi4).containsAll(['raspi-firmware', 'firmware-brcm80211', 'linux-image-arm64'])
assert new File(rpi4, 'usr/lib/raspi-firmware/start4.elf').isFile()
assert new File(rpi4, 'etc/apt/sources.list.d').listFiles()*.text.join().contains('non-free-firmware')

def bbb = bootstrap('beaglebone-black', ['-Drootfs.mirror=' + it.mirror()])
assert unpacked(bbb).containsAll(['linux-image-armmp', 'u-boot-omap', 'u-boot-menu'])
assert new File(bbb, 'usr/lib/u-boot/am335x_evm/MLO').isFile()

try {
  def riscv = bootstrap('qemu-riscv64', [])
  assert unpacked(riscv).contains('linux-image-riscv64')
} catch (AssertionError e) {
  def m = e.message
  if (!m.contains('does not match the signed Release')) {
    throw e
  }
  assert m =~ /trixie\/main\/binary-riscv64\/Packages does not match the signed Release \S+\/dists\/trixie\/InRelease/
  assert m =~ /expected SHA256 [0-9a-f]{64} \(\d+ bytes\), got [0-9a-f]{64} \(\d+ bytes\)/
  assert !(m =~ /(?m)^\[INFO\] (Downloaded \d+ files?,|All \d+ files from cache)/) :
      'packages were fetched before the index was found wrong'
  println 'first-stage-boards: qemu-riscv64 refused, as expected while the mirror is inconsistent: ' +
      m.readLines().find { it.contains('does not match') }.take(160)
}
return true
