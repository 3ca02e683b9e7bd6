// The sysroot works for a real cross compiler: Debian's aarch64-linux-gnu-gcc (installed without any arm64 libc of
// its own), pointed at it with --sysroot alone, takes the headers, crt objects, libc and zlib from it and links a
// program that runs under qemu-aarch64 with the sysroot as its root. The OCI image of the same tree says arm64/v8 to
// skopeo, and podman runs that program inside it; the plain tar imports and runs it too.
def it = new GroovyShell(binding).parse(new File(itSupport))
it.withHelloSource(basedir)
def target = new File(basedir, 'target')
def sysrootTar = new File(target, 'sysroot-arm64-1.0-sysroot.tar.xz')
def oci = new File(target, 'sysroot-arm64-1.0.oci.tar')
def tar = new File(target, 'sysroot-arm64-1.0.tar')
[sysrootTar, oci, tar].each { assert it.isFile() : "${it} was not written" }
assert new File(target, 'tree/usr/include/stdio.h').isFile() : 'rootfs.directory holds no tree'

def sysroot = new File(target, 'sysroot')
sysroot.mkdirs()
it.run(['tar', '-xJf', sysrootTar.path, '-C', sysroot.path])
def plainSysroot = new File(target, 'sysroot.tar')
it.run(['sh', '-c', "xz -d -c '${sysrootTar}' > '${plainSysroot}'"])
def listing = it.listing(plainSysroot)
def whole = it.listing(tar)
def absolute = listing.findAll { k, v -> v[3]?.startsWith('/') }.keySet()
assert absolute.isEmpty() : "absolute symlinks in the sysroot: ${absolute.take(10)}"
def unwanted = listing.keySet().findAll { it =~ /^(usr\/bin|usr\/sbin|usr\/share\/doc|etc|var)\// }
assert unwanted.isEmpty() : "not sysroot material: ${unwanted.take(10)}"
assert whole.size() > 2 * listing.size()

// --sysroot alone: the cross gcc has no arm64 libc but this one (libc6-dev-arm64-cross is not installed)
def gcc = ['aarch64-linux-gnu-gcc', "--sysroot=${sysroot}"]
def headers = it.run(gcc + ['-H', '-fsyntax-only', new File(basedir, 'src/hello.c').path]).readLines()
    .findAll { it.startsWith('.') }.collect { it.replaceFirst(/^\.+ /, '') }
assert headers.any { it == "${sysroot}/usr/include/stdio.h" } : headers
assert headers.every { it.startsWith(sysroot.path) || it.startsWith('/usr/lib/gcc-cross/') } : headers
def hello = new File(target, 'hello-arm64')
def trace = it.run(gcc + ['-Wall', '-o', hello.path, new File(basedir, 'src/hello.c').path, '-lz', '-Wl,--trace'])
def opened = trace.readLines().findAll { it =~ /(libc\.so|libz\.so|crt1\.o|ld-linux-aarch64)/ }
assert opened.size() >= 4 && opened.every { it.contains(sysroot.path) } : "the linker read ${opened}"
assert it.run(['aarch64-linux-gnu-readelf', '-h', hello.path]).contains('AArch64')
assert it.run(['qemu-aarch64-static', '-L', sysroot.path, hello.path]) == 'hello from aarch64\n'

def inspect = it.run(['skopeo', 'inspect', "oci-archive:${oci}"])
assert inspect.contains('"Architecture": "arm64"') && inspect.contains('"Created": "2024-01-01T00:00:00Z"') : inspect
def config = it.run(['skopeo', 'inspect', '--config', "oci-archive:${oci}"]) // skopeo 1.9 shows no variant itself
assert config.contains('"variant": "v8"') : config

// podman where it runs: as root, with runc when present (crun refuses hybrid cgroups, as on a container host), with
// limits no higher than ours (raising them needs CAP_SYS_RESOURCE) and without a network
def podmanRun = { String image, List command ->
  def runtime = ['sh', '-c', 'command -v runc'].execute().waitFor() == 0 ? ['--runtime', 'runc'] : []
  it.run(['podman'] + runtime + ['run', '--rm', '--network', 'none', '--ulimit', 'nofile=1024:1024',
      '--ulimit', 'nproc=1000:1000', '-v', "${hello}:/hello:ro", image] + command)
}
def podman = ['sh', '-c', 'command -v podman'].execute().waitFor() == 0
if (podman) {
  def loaded = it.run(['podman', 'load', '--quiet', '--input', oci.path]).trim()
  assert loaded.endsWith('sysroot-arm64-it:latest') : loaded
  def image = loaded.substring(loaded.lastIndexOf(' ') + 1)
  try {
    assert podmanRun(image, ['/hello']).endsWith('hello from aarch64\n')
  } finally {
    it.run(['podman', 'rmi', '--force', image])
  }
  def imported = it.run(['podman', 'import', '--quiet', '--arch', 'arm64', '--variant', 'v8', tar.path]).trim()
  try {
    assert podmanRun(imported, ['/hello']).endsWith('hello from aarch64\n')
  } finally {
    it.run(['podman', 'rmi', '--force', imported])
  }
}
println "sysroot-arm64: ${listing.size()} sysroot paths of ${whole.size()}; aarch64-linux-gnu-gcc --sysroot built " +
    "hello, which ran under qemu-aarch64" + (podman ? ' and in the OCI image and the imported tar under podman' : '')
return true
