// See pom.xml: the map-auto mode must give the same tree as the default mode, so the same differences from
// mmdebstrap are explained, and no other.
def it = new GroovyShell(binding).parse(new File(itSupport))
it.assertLikeMmdebstrap(basedir, localRepositoryPath, testCache, 'amd64',
    new GroovyShell(binding).evaluate(new File(new File(itSupport).parentFile, 'mmdebstrap-differences.groovy')))
return true
