// hello-armhf: see pom.xml. The program built inside the image reports the machine qemu-user emulates.
// The mirror is given explicitly, so only bookworm itself is used (as debootstrap does): this mirror serves
// bookworm-security's armhf index shorter than its InRelease says, which a correct client refuses.
def it = new GroovyShell(binding).parse(new File(itSupport))
it.assertHelloWorld(basedir, localRepositoryPath, testCache, 'armv7l', ['-Drootfs.mirror=' + it.mirror()])
return true
