package dev.rootfs.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.junit.jupiter.api.Test;

class BaseImageArtifactTest {

  @Test
  void testParse_defaultsToTheDefaultImageType() throws Exception {
    DefaultArtifact a = BaseImageArtifact.parse("com.example:base:1.0");
    assertEquals("tar.xz", a.getExtension());
    assertEquals("", a.getClassifier());
    DefaultArtifact b = BaseImageArtifact.parse(" com.example:base:1.0:tar.zst:common ");
    assertEquals("tar.zst", b.getExtension());
    assertEquals("common", b.getClassifier());
    assertEquals("1.0", b.getVersion());
  }

  @Test
  void testParse_badCoordinatesNameTheParameter() {
    for (String bad : new String[] {"com.example:base", "a:b:c:d:e:f", "a::1.0"}) {
      MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> BaseImageArtifact.parse(bad));
      assertTrue(e.getMessage().contains("<baseImage>") && e.getMessage().contains(bad), e.getMessage());
    }
  }
}
