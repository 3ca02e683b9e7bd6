// See pom.xml: our bookworm amd64 minbase against mmdebstrap's, path by path and byte by byte.
def it = new GroovyShell(binding).parse(new File(itSupport))
it.assertLikeMmdebstrap(basedir, localRepositoryPath, testCache, 'amd64',
    new GroovyShell(binding).evaluate(new File(new File(itSupport).parentFile, 'mmdebstrap-differences.groovy')))
return true
