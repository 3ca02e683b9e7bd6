// A board over a base image, as the ordinary user, like a Dockerfile's FROM:
// 1. base/ (bookworm amd64 minbase + iputils-ping) is installed to the repository as a tar and a SquashFS image;
// 2. this project names it in <baseImage> and adds less: only less is resolved, fetched and configured, every
//    package is "install ok installed" (dpkg --audit clean), every path of the base is there with its owner, mode
//    and link target, ping's binary file capability came through the base tarball byte for byte;
// 3. a build for another architecture stops with an error naming the base's architecture and <architecture>;
// 4. direct/ builds minbase + iputils-ping + less in one go: same paths, same packages, and the same bytes except
//    the files the second dpkg run writes again (its logs, status, debconf's cache, ...);
// 5. the same layer over the base's SquashFS image gives the very same tarball.
def it = new GroovyShell(binding).parse(new File(itSupport))
long started = System.currentTimeMillis()
def work = it.buildAsUser(basedir, localRepositoryPath, testCache, [], ['validate'])
def version = (new File(basedir, 'pom.xml').text =~ /rootfs-maven-plugin<\/artifactId>\s*<version>([^<]+)</)[0][1]
['base', 'direct'].each { d ->
  def pom = new File(work, d + '/pom.xml')
  pom.text = pom.text.replace('@project.version@', version) // Invoker filters only the project's own POM
}
def mvn = { File dir, List args ->
  def (code, out) = it.mvnAsUser(dir, args)
  assert code == 0 : "mvn ${args.join(' ')} in ${dir} failed (${code}):\n${out}"
  return out
}
def timed = { String what, Closure c ->
  long t = System.currentTimeMillis()
  def r = c()
  println "base-layer-amd64: ${what} in ${(System.currentTimeMillis() - t) / 1000} s"
  return r
}
timed('base installed') { mvn(new File(work, 'base'), ['-q', 'install']) }
def out = timed('layer built') { mvn(work, ['package']) }
assert out.contains('Starting from base image dev.rootfs.it:base-layer-amd64-base:1.0:tar') : out
assert out =~ /Resolved 1 packages to add to the base's \d+: less/ : out
assert out.contains('Verified ') : 'the layer reads the signed indices (and says so):\n' + out

def baseTar = new File(work, 'base/target/base-layer-amd64-base-1.0.tar')
def tar = new File(work, 'target/base-layer-amd64-1.0.tar')
def base = it.listing(baseTar)
def got = it.listing(tar)
it.assertNoBuildLeftovers(got)
def lost = base.keySet().findAll { !got.containsKey(it) }
assert lost.isEmpty() : "paths of the base missing from the layered image: ${lost}"
// What the layer's maintainer scripts change is allowed when the direct build has it the same way (less's postinst
// makes it the pager alternative over more's); anything else of the base keeps owner, mode and link target.
timed('direct build') { mvn(new File(work, 'direct'), ['-q', 'package']) }
def directTar = new File(work, 'direct/target/base-layer-amd64-direct-1.0.tar')
def direct = it.listing(directTar)
def changed = base.findAll { p, m -> got[p] != m }
def unexplainedChanges = changed.findAll { p, m -> got[p] != direct[p] }.collect { p, m -> "${p}: ${m} -> ${got[p]}" }
assert unexplainedChanges.isEmpty() : "owners, modes or link targets of the base changed:\n${unexplainedChanges.join('\n')}"
println "base-layer-amd64: base paths changed by the layer's scripts as in the direct build: ${changed.keySet()}"
assert got['usr/bin/less'] && got['usr/bin/less'][0..2] == ['-rwxr-xr-x', '0', '0'] : got['usr/bin/less']
assert got['usr/bin/ping'][0..2] == ['-rwxr-xr-x', '0', '0'] : got['usr/bin/ping']

def root = new File(work, 'target/root')
root.mkdirs()
it.run(['tar', '--xattrs', '--xattrs-include=*', '--numeric-owner', '-xpf', tar.path, '-C', root.path])
assert it.run(['getfattr', '-n', 'security.capability', '-e', 'base64', new File(root, 'usr/bin/ping').path])
    .contains('security.capability=0sAQAAAgAgAAAAAAAAAAAAAAAAAAA=') : 'ping lost its capability through the base'
def statuses = it.run(['chroot', root.path, 'dpkg-query', '-W', '-f=${Package} ${db:Status-Abbrev}\\n']).readLines()
def notInstalled = statuses.findAll { !it.endsWith(' ii ') }
assert statuses.size() > 80 && notInstalled.isEmpty() : "not installed: ${notInstalled}"
assert it.run(['chroot', root.path, 'dpkg', '--audit']).trim().isEmpty()
it.run(['chroot', root.path, 'apt-get', 'check'])
def basePackages = it.run(['sh', '-c', "tar -xOf '${baseTar}' ./var/lib/dpkg/status | sed -n 's/^Package: //p'"])
    .readLines().sort()
def packages = statuses.collect { it.split(' ')[0] }.sort()
assert packages == (basePackages + ['less']).sort() : "packages: ${packages - basePackages} added, ${basePackages - packages} lost"
def manifest = new File(work, 'target/base-layer-amd64-1.0.manifest').readLines().findAll { it.trim() && !it.startsWith('#') }
assert manifest.collect { it.split(/\s+/)[0] }.sort() == packages : 'the manifest lists base and layer'

def (code, wrong) = it.mvnAsUser(work, ['package', '-Dlayer.architecture=arm64'])
assert code != 0 : 'a base of another architecture was accepted:\n' + wrong
assert wrong.contains('is for architecture amd64 (var/lib/dpkg/arch) but <architecture> is arm64') : wrong
assert !wrong.contains('Verified ') : 'the architecture is checked before any index is fetched:\n' + wrong

// The same set built in one go: same paths and packages; bytes differ only where the layer's dpkg run writes again.
def onlyLayer = got.keySet() - direct.keySet(), onlyDirect = direct.keySet() - got.keySet()
assert onlyLayer.isEmpty() && onlyDirect.isEmpty() : "only in the layered image: ${onlyLayer}; only in the direct one: ${onlyDirect}"
def metadata = direct.findAll { p, m -> got[p] != m }.collect { p, m -> "${p}: ${m} -> ${got[p]}" }
assert metadata.isEmpty() : "metadata differs from the direct build:\n${metadata.join('\n')}"
def directRoot = new File(work, 'direct/target/root')
directRoot.mkdirs()
it.run(['tar', '--numeric-owner', '-xpf', directTar.path, '-C', directRoot.path])
def a = it.contentHashes(root), b = it.contentHashes(directRoot)
// apt-get check above wrote its caches into the layered tree only
a.keySet().removeAll(['var/cache/apt/pkgcache.bin', 'var/cache/apt/srcpkgcache.bin'])
assert a.size() > 5000 && a.keySet() == b.keySet() : "regular files differ: ${(a.keySet() - b.keySet()) + (b.keySet() - a.keySet())}"
def differ = b.keySet().findAll { a[it] != b[it] }.sort()
// Allowed to differ, as written again by the layer's own dpkg run and apt: logs, dpkg's status and its backup,
// debconf's caches (none differed when this test was written: dpkg rewrites its status in its own order).
def rewritten = ~/var\/log\/.*|var\/lib\/dpkg\/(status|status-old|triggers\/.*)|var\/cache\/debconf\/.*|var\/lib\/apt\/extended_states/
def unexplained = differ.findAll { !(it ==~ rewritten) }
assert unexplained.isEmpty() : "contents differ from the direct build: ${unexplained}"
// 5. The same layer over the base's SquashFS image: the very same tarball.
def tarSha = it.run(['sha256sum', tar.path]).split(/\s+/)[0]
def sq = timed('layer over the SquashFS base built') { mvn(work, ['package', '-Dlayer.baseType=squashfs']) }
assert sq.contains('Starting from base image dev.rootfs.it:base-layer-amd64-base:1.0:squashfs') : sq
def sqListing = it.listing(tar)
def sqDiffers = (sqListing.keySet() + got.keySet()).findAll { sqListing[it] != got[it] }
assert sqDiffers.isEmpty() : "the layer over the SquashFS base differs from the one over the tar: ${sqDiffers}"
def sqSha = it.run(['sha256sum', tar.path]).split(/\s+/)[0]
assert sqSha == tarSha : 'same base tree, same layer, yet another tarball'

println "base-layer-amd64: layered image equals the direct build but for ${differ}; all done in " +
    "${(System.currentTimeMillis() - started) / 1000} s"
return true
