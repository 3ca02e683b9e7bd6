// The sysroot works for a compiler: the host's gcc, pointed at it with --sysroot, takes crt1.o, libc and zlib's
// headers and libraries from it (not from the host) and links a program that runs. Nothing but headers, libraries
// and pkg-config files is in it, and no symlink in it or in the relative-symlink tarball is absolute.
def it = new GroovyShell(binding).parse(new File(itSupport))
it.withHelloSource(basedir)
def work = it.buildAsUser(basedir, localRepositoryPath, testCache)
def sysrootTar = new File(work, 'target/sysroot-amd64-1.0-sysroot.tar.xz')
assert sysrootTar.isFile()
def sysroot = new File(work, 'target/sysroot')
sysroot.mkdirs()
it.run(['tar', '-xJf', sysrootTar.path, '-C', sysroot.path])

def listing = it.listing(new File(work, 'target/sysroot.tar').with { t ->
  it.run(['sh', '-c', "xz -d -c '${sysrootTar}' > '${t}'"]); t })
['usr/include/stdio.h', 'usr/include/zlib.h', 'usr/lib/x86_64-linux-gnu/pkgconfig/zlib.pc',
 'usr/lib/x86_64-linux-gnu/crt1.o', 'usr/lib/x86_64-linux-gnu/libc.so'].each {
  assert listing.containsKey(it) : "${it} is missing from the sysroot"
}
def unwanted = listing.keySet().findAll { it.startsWith('usr/bin/') || it.startsWith('usr/share/doc/') || it.startsWith('etc/') }
assert unwanted.isEmpty() : "not sysroot material: ${unwanted.take(10)}"
def absolute = listing.findAll { k, v -> v[3]?.startsWith('/') }.keySet()
assert absolute.isEmpty() : "absolute symlinks in the sysroot: ${absolute}"
// zlib1g-dev ships libz.so -> /lib/x86_64-linux-gnu/libz.so.1.2.13: now relative, and it resolves inside
def libz = java.nio.file.Path.of(sysroot.path, 'usr/lib/x86_64-linux-gnu/libz.so')
assert !java.nio.file.Files.readSymbolicLink(libz).isAbsolute()
assert libz.toRealPath().startsWith(sysroot.toPath().toRealPath()) : "libz.so resolves to ${libz.toRealPath()}"

// The host gcc, pointed at the sysroot the way people use one with a compiler not built for it: --sysroot for
// headers and the linker's search path, -B for the C runtime objects. Everything it reads must come from it.
def gcc = ['gcc', "--sysroot=${sysroot}", "-B${sysroot}/usr/lib/x86_64-linux-gnu/"]
def crt1 = it.run(gcc + ['-print-file-name=crt1.o']).trim()
assert crt1.startsWith(sysroot.path) : "gcc took crt1.o from ${crt1}"
assert it.run(gcc + ['-E', '-v', '-x', 'c', '/dev/null']).contains("${sysroot}/usr/include\n")
def hello = new File(work, 'target/hello-sysroot')
def trace = it.run(gcc + ['-Wall', '-o', hello.path, new File(work, 'src/hello.c').path, '-lz', '-Wl,--trace'])
def opened = trace.readLines().findAll { it =~ /(libc\.so|libz\.so|crt1\.o)/ }
assert opened.size() >= 3 && opened.every { it.contains(sysroot.path) } : "the linker read ${opened}"
assert it.run([hello.path]) == 'hello from x86_64\n'

def whole = it.listing(new File(work, 'target/whole.tar').with { t ->
  it.run(['sh', '-c', "zstd -q -d -c '${new File(work, 'target/sysroot-amd64-1.0.tar.zst')}' > '${t}'"]); t })
def absoluteInWhole = whole.findAll { k, v -> v[3]?.startsWith('/') }.keySet()
assert absoluteInWhole.isEmpty() : "relativeSymlinks left absolute links: ${absoluteInWhole}"
assert whole.size() > listing.size()
println "sysroot-amd64: ${listing.size()} sysroot paths of ${whole.size()}; gcc --sysroot built and ran hello"
return true
