// hello-arm64-trixie: see pom.xml. The program built inside the image reports the machine qemu-user emulates.
def it = new GroovyShell(binding).parse(new File(itSupport))
it.assertHelloWorld(basedir, localRepositoryPath, testCache, 'aarch64')
return true
