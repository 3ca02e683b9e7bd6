// Issue 6, deploy and consume: Sonatype Nexus OSS on 127.0.0.1 proxies the Debian mirror (an apt proxy repository)
// and receives the images. The project builds through the proxy (InRelease verified, same package set as straight
// from the mirror), `mvn deploy` (deploy 3.2.0, from the rootfs lifecycle) uploads image, squashfs and manifest to
// maven-releases, and every file read back from Nexus equals the local one, checksums included. Then a project the
// archetype generates deploys a SNAPSHOT (files found through maven-metadata.xml), and a third project takes both
// images from Nexus as dependencies.
import java.security.MessageDigest
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathConstants
import javax.xml.xpath.XPathFactory

def it = new GroovyShell(binding).parse(new File(itSupport))

String hex(String algorithm, byte[] data) {
  MessageDigest.getInstance(algorithm).digest(data).encodeHex().toString()
}

/** The body at url, or null when Nexus answers 404. */
byte[] fetchIfPresent(String url) {
  def c = new URL(url).openConnection()
  c.setRequestProperty('Authorization', 'Basic ' + 'admin:admin123'.bytes.encodeBase64())
  if (c.responseCode == 404) return null
  assert c.responseCode == 200 : "GET ${url}: ${c.responseCode}"
  c.inputStream.withCloseable { it.bytes }
}

byte[] fetch(String url) {
  def body = fetchIfPresent(url)
  assert body != null : "GET ${url}: 404"
  return body
}

/**
 * The file at url equals local (SHA-256; a POM is only checked for its checksums when local is null), and its .sha1
 * and .md5 match the downloaded bytes. Maven 3.8's resolver writes no .sha256/.sha512 (and Nexus 3.71 makes none
 * up); Maven 3.9's does with -Daether.checksums.algorithms: when they are there, they must match too.
 */
void compareBack(String url, File local) {
  byte[] back = fetch(url)
  if (local != null) {
    assert hex('SHA-256', back) == hex('SHA-256', local.bytes) : "${url} came back different from ${local}"
  }
  ['sha1': 'SHA-1', 'md5': 'MD5', 'sha256': 'SHA-256', 'sha512': 'SHA-512'].each { suffix, algorithm ->
    def sum = suffix in ['sha1', 'md5'] ? fetch("${url}.${suffix}") : fetchIfPresent("${url}.${suffix}")
    assert sum == null || new String(sum).trim() == hex(algorithm, back) : "${url}.${suffix}"
  }
}

/** A project that takes a deployed release and a deployed snapshot image as dependencies, typed by extension. */
String consumerPom(String base) {
  """<project><modelVersion>4.0.0</modelVersion>
  <groupId>dev.rootfs.it</groupId><artifactId>consumer</artifactId><version>1.0</version><packaging>pom</packaging>
  <repositories>
    <repository><id>it-nexus</id><url>${base}/repository/maven-releases/</url>
      <snapshots><enabled>false</enabled></snapshots></repository>
    <repository><id>it-nexus-snapshots</id><url>${base}/repository/maven-snapshots/</url>
      <releases><enabled>false</enabled></releases></repository>
  </repositories>
  <dependencies>
    <dependency><groupId>dev.rootfs.it</groupId><artifactId>deploy-nexus</artifactId><version>1.0</version>
      <type>squashfs</type></dependency>
    <dependency><groupId>com.example.rootfs</groupId><artifactId>generic-amd64-rootfs</artifactId>
      <version>1.0-SNAPSHOT</version><type>tar.zst</type></dependency>
  </dependencies>
</project>"""
}

long t0 = System.currentTimeMillis()
def version = '3.71.0-06'
def dist = new File(testCache, "nexus/nexus-base-template-${version}")
if (!new File(dist, 'bin/nexus').isFile()) {
  def zipDir = new File(testCache, 'nexus')
  zipDir.mkdirs()
  it.run(['mvn', '-B', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy',
          "-Dartifact=org.sonatype.nexus.assemblies:nexus-base-template:${version}:zip",
          "-DoutputDirectory=${zipDir}"])
  it.run(['unzip', '-q', '-o', "${zipDir}/nexus-base-template-${version}.zip", '-d', zipDir.path])
}
def data = new File('/tmp/rootfs-it-nexus-data')
it.run(['rm', '-rf', data.path])
new File(data, 'etc').mkdirs()
int port = new ServerSocket(0).withCloseable { it.localPort }
new File(data, 'etc/nexus.properties').text = "application-host=127.0.0.1\napplication-port=${port}\n" +
    "nexus.security.randompassword=false\nnexus.onboarding.enabled=false\n"
def pb = new ProcessBuilder(new File(dist, 'bin/nexus').path, 'server').redirectErrorStream(true)
    .redirectOutput(new File(data, 'console.log'))
pb.environment().putAll([JAVA_MIN_MEM: '512m', JAVA_MAX_MEM: '1200m', DIRECT_MAX_MEM: '1200m',
                         KARAF_DATA: data.path, INSTALL4J_ADD_VM_PARAMS: "-Dkaraf.data=${data}".toString()])
def nexus = pb.start()
def base = "http://127.0.0.1:${port}"
try {
  long deadline = System.currentTimeMillis() + 240_000
  while (true) {
    assert nexus.alive : "Nexus died while starting:\n" + new File(data, 'console.log').text.readLines().takeRight(30).join('\n')
    try {
      if (new URL("${base}/service/rest/v1/status/writable").openConnection().responseCode == 200) break
    } catch (IOException ignored) { }
    assert System.currentTimeMillis() < deadline : 'Nexus did not start within 240 s'
    sleep 2000
  }
  long started = System.currentTimeMillis()
  println "deploy-nexus: Nexus ${version} up on port ${port} after ${(started - t0) / 1000} s"

  // The apt proxy repository, in front of the host's mirror (never named in this repository).
  def c = new URL("${base}/service/rest/v1/repositories/apt/proxy").openConnection()
  c.requestMethod = 'POST'
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.setRequestProperty('Authorization', 'Basic ' + 'admin:admin123'.bytes.encodeBase64())
  def mirror = it.mirror()
  c.outputStream.withCloseable { it << """{"name": "debian-proxy", "online": true,
      "storage": {"blobStoreName": "default", "strictContentTypeValidation": true},
      "proxy": {"remoteUrl": "${mirror}", "contentMaxAge": 1440, "metadataMaxAge": 1440},
      "negativeCache": {"enabled": true, "timeToLive": 1440},
      "httpClient": {"blocked": false, "autoBlock": true},
      "apt": {"distribution": "bookworm", "flat": false}}""" }
  assert c.responseCode == 201 : "creating the apt proxy: ${c.responseCode} ${c.errorStream?.text}"

  def settings = new File(basedir, 'nexus-settings.xml') // not under target/: `clean` would delete it
  settings.text = """<settings>
  <servers>
    <server><id>it-nexus</id><username>admin</username><password>admin123</password></server>
    <server><id>it-nexus-snapshots</id><username>admin</username><password>admin123</password></server>
  </servers>
  <profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>
    <pluginRepositories><pluginRepository><id>it-local</id><url>${localRepositoryPath.toURI()}</url>
    </pluginRepository></pluginRepositories></profile></profiles>
</settings>"""
  def mvn = ['mvn', '-B', '-ntp', "-Dmaven.repo.local=${localRepositoryPath}", '-s', settings.path,
             "-Dnexus.url=${base}"]
  def log = it.run(mvn + ["-Drootfs.cacheDirectory=${basedir}/target/proxy-cache", 'clean', 'deploy'], basedir)
  long deployed = System.currentTimeMillis()
  println "deploy-nexus: built through the apt proxy and deployed in ${(deployed - started) / 1000} s"
  // This project pins no deploy plugin: the version comes from the rootfs lifecycle (components.xml), and must be
  // 3.x, not Maven 3.8's default 2.7.
  assert log.contains('maven-deploy-plugin:3.2.0:deploy (default-deploy) @ deploy-nexus') : log

  // The proxy gave exactly the packages the mirror itself resolves to.
  def viaProxy = new File(basedir, 'target/deploy-nexus-1.0.manifest').readLines()
  // rootfs:resolve without a project, straight from the mirror
  def pluginVersion = (new File(basedir, 'pom.xml').text =~
      /<artifactId>rootfs-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
  def direct = new File(basedir, 'target/direct.txt')
  it.run(mvn + ['-q', "-Drootfs.mirror=${it.mirror()}", '-Drootfs.suite=bookworm', '-Drootfs.architecture=amd64',
                '-Drootfs.variant=minbase', "-Drootfs.output=${direct}",
                "dev.rootfs:rootfs-maven-plugin:${pluginVersion}:resolve"], direct.parentFile)
  def nameVersion = { List lines -> lines.findAll { it.trim() }.collect { it.split(/\s+/).take(2).join(' ') }.sort() }
  assert viaProxy.size() > 80
  assert nameVersion(viaProxy) == nameVersion(direct.readLines())

  def releases = "${base}/repository/maven-releases/dev/rootfs/it/deploy-nexus/1.0/deploy-nexus-1.0"
  ['tar.zst', 'squashfs', 'manifest'].each { ext ->
    compareBack("${releases}.${ext}", new File(basedir, "target/deploy-nexus-1.0.${ext}"))
  }
  compareBack("${releases}.pom", null) // the project's POM, with @project.version@ already filled
  long compared = System.currentTimeMillis()
  println "deploy-nexus: downloaded back and compared in ${(compared - deployed) / 1000} s"

  // A SNAPSHOT of a project the archetype generates: its generic-amd64 reference, which the archetype's own tests
  // check is byte for byte what archetype:generate writes. -DaltDeploymentRepository=id::url is the form Maven 3.8's
  // default deploy plugin (2.7) rejects; the generated POM pins 3.2.0. First stage and tar.zst only, to save time.
  def repoRoot = new File(itSupport).canonicalFile.parentFile.parentFile.parentFile
  def generated = new File(basedir, 'target/generated')
  it.run(['cp', '-r', new File(repoRoot, 'rootfs-archetype/src/test/resources/projects/generic-amd64/reference').path,
          generated.path])
  def generatedPom = new File(generated, 'pom.xml')
  generatedPom.text = generatedPom.text.replace('@project.version@', pluginVersion)
  log = it.run(mvn + ["-DaltDeploymentRepository=it-nexus::${base}/repository/maven-snapshots/",
                      "-Drootfs.cacheDirectory=${testCache}/content", '-Drootfs.secondStage=none',
                      '-Drootfs.formats=tar.zst', 'deploy'], generated)
  assert log.contains('maven-deploy-plugin:3.2.0:deploy (default-deploy) @ generic-amd64-rootfs') : log
  long snapshotDeployed = System.currentTimeMillis()
  println "deploy-nexus: archetype project built (first stage) and deployed in ${(snapshotDeployed - compared) / 1000} s"

  // A snapshot's files carry a timestamp: maven-metadata.xml names them.
  def snapshots = "${base}/repository/maven-snapshots/com/example/rootfs/generic-amd64-rootfs/1.0-SNAPSHOT"
  def metadata = DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new ByteArrayInputStream(fetch("${snapshots}/maven-metadata.xml")))
  def xpath = XPathFactory.newInstance().newXPath()
  def versions = xpath.evaluate('/metadata/versioning/snapshotVersions/snapshotVersion[not(classifier)]', metadata,
      XPathConstants.NODESET)
  def stamped = (0..<versions.length).collectEntries {
    [(xpath.evaluate('extension', versions.item(it))): xpath.evaluate('value', versions.item(it))]
  }
  assert stamped.keySet() == ['tar.zst', 'manifest', 'pom'] as Set : stamped
  ['tar.zst', 'manifest'].each { ext ->
    compareBack("${snapshots}/generic-amd64-rootfs-${stamped[ext]}.${ext}",
                new File(generated, "target/generic-amd64-rootfs-1.0-SNAPSHOT.${ext}"))
  }
  compareBack("${snapshots}/generic-amd64-rootfs-${stamped['pom']}.pom", generatedPom)

  // Consumed as a dependency by another project, from Nexus alone (deploy also installed both locally: removed).
  it.run(['rm', '-rf', new File(localRepositoryPath, 'com/example/rootfs').path,
          new File(localRepositoryPath, 'dev/rootfs/it/deploy-nexus').path])
  def consumer = new File(basedir, 'consumer')
  consumer.mkdirs()
  new File(consumer, 'pom.xml').text = consumerPom(base)
  it.run(mvn + ['-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy-dependencies',
                '-DoutputDirectory=target/images'], consumer)
  [new File(basedir, 'target/deploy-nexus-1.0.squashfs'),
   new File(generated, 'target/generic-amd64-rootfs-1.0-SNAPSHOT.tar.zst')].each { File local ->
    def got = new File(consumer, 'target/images/' + local.name)
    assert got.isFile() : "the consumer did not get ${local.name}: ${new File(consumer, 'target/images').list()}"
    assert hex('SHA-256', got.bytes) == hex('SHA-256', local.bytes) : "${local.name} resolved different"
  }
  println "deploy-nexus: whole IT ${(System.currentTimeMillis() - t0) / 1000} s"
} finally {
  nexus.toHandle().descendants().each { it.destroy() }
  nexus.destroy()
  nexus.waitFor()
}
return true
