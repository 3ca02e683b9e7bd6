// Issue 6, deploy and consume: Sonatype Nexus OSS on 127.0.0.1 proxies the Debian mirror (an apt proxy repository)
// and receives the images. The project builds through the proxy (InRelease verified, same package set as straight
// from the mirror), `mvn deploy` uploads image, squashfs and manifest, and every file read back from Nexus equals
// the local one, checksums included.
import java.security.MessageDigest

def it = new GroovyShell(binding).parse(new File(itSupport))

String hex(String algorithm, byte[] data) {
  MessageDigest.getInstance(algorithm).digest(data).encodeHex().toString()
}

byte[] fetch(String url) {
  def c = new URL(url).openConnection()
  c.setRequestProperty('Authorization', 'Basic ' + 'admin:admin123'.bytes.encodeBase64())
  assert c.responseCode == 200 : "GET ${url}: ${c.responseCode}"
  c.inputStream.withCloseable { it.bytes }
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
  <servers><server><id>it-nexus</id><username>admin</username><password>admin123</password></server></servers>
  <profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>
    <pluginRepositories><pluginRepository><id>it-local</id><url>${localRepositoryPath.toURI()}</url>
    </pluginRepository></pluginRepositories></profile></profiles>
</settings>"""
  def mvn = ['mvn', '-B', '-q', "-Dmaven.repo.local=${localRepositoryPath}", '-s', settings.path,
             "-Dnexus.url=${base}", "-Drootfs.cacheDirectory=${basedir}/target/proxy-cache"]
  it.run(mvn + ['clean', 'deploy'], basedir)
  long deployed = System.currentTimeMillis()
  println "deploy-nexus: built through the apt proxy and deployed in ${(deployed - started) / 1000} s"

  // The proxy gave exactly the packages the mirror itself resolves to.
  def viaProxy = new File(basedir, 'target/deploy-nexus-1.0.manifest').readLines()
  // rootfs:resolve without a project, straight from the mirror
  def pluginVersion = (new File(basedir, 'pom.xml').text =~
      /<artifactId>rootfs-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
  def direct = new File(basedir, 'target/direct.txt')
  it.run(mvn + ["-Drootfs.mirror=${it.mirror()}", '-Drootfs.suite=bookworm', '-Drootfs.architecture=amd64',
                '-Drootfs.variant=minbase', "-Drootfs.output=${direct}",
                "dev.rootfs:rootfs-maven-plugin:${pluginVersion}:resolve"], direct.parentFile)
  def nameVersion = { List lines -> lines.findAll { it.trim() }.collect { it.split(/\s+/).take(2).join(' ') }.sort() }
  assert viaProxy.size() > 80
  assert nameVersion(viaProxy) == nameVersion(direct.readLines())

  def remote = "${base}/repository/maven-releases/dev/rootfs/it/deploy-nexus/1.0/deploy-nexus-1.0"
  ['tar.zst', 'squashfs', 'manifest', 'pom'].each { ext ->
    def local = ext == 'pom' ? new File(basedir, 'pom.xml') : new File(basedir, "target/deploy-nexus-1.0.${ext}")
    byte[] back = fetch("${remote}.${ext}")
    if (ext != 'pom') { // the deployed POM is the project's, with @project.version@ already filled
      assert hex('SHA-256', back) == hex('SHA-256', local.bytes) : "${ext} came back different"
    }
    assert new String(fetch("${remote}.${ext}.sha1")).trim() == hex('SHA-1', back) : "${ext}.sha1"
    assert new String(fetch("${remote}.${ext}.md5")).trim() == hex('MD5', back) : "${ext}.md5"
  }
  println "deploy-nexus: downloaded back and compared in ${(System.currentTimeMillis() - deployed) / 1000} s"
} finally {
  nexus.toHandle().descendants().each { it.destroy() }
  nexus.destroy()
  nexus.waitFor()
}
return true
