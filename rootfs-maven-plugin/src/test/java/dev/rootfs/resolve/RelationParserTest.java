package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelationParserTest {

  @Test
  void testParse_orGroupsVersionsAndQualifiers() throws Exception {
    List<OrGroup> groups = RelationParser.parse(
        "libc6 (>= 2.34), perl:any, debconf (>= 0.5) | debconf-2.0,\n awk,python3:native (<< 3.12~)", "t");
    assertEquals(5, groups.size());
    Relation libc = groups.get(0).alternatives().get(0);
    assertEquals("libc6", libc.name());
    assertEquals(RelationOperator.LATER_OR_EQUAL, libc.constraint().orElseThrow().operator());
    assertEquals("2.34", libc.constraint().orElseThrow().version().toString());
    assertEquals(Optional.of("any"), groups.get(1).alternatives().get(0).architectureQualifier());
    assertEquals(2, groups.get(2).alternatives().size());
    assertEquals("debconf-2.0", groups.get(2).alternatives().get(1).name());
    assertEquals("awk", groups.get(3).alternatives().get(0).name());
    Relation py = groups.get(4).alternatives().get(0);
    assertEquals(Optional.of("native"), py.architectureQualifier());
    assertEquals(RelationOperator.EARLIER, py.constraint().orElseThrow().operator());
  }

  @Test
  void testParse_legacyOperatorsMeanOrEqual() throws Exception {
    Relation lt = RelationParser.parse("a (< 2)", "t").get(0).alternatives().get(0);
    Relation gt = RelationParser.parse("a (> 2)", "t").get(0).alternatives().get(0);
    assertEquals(RelationOperator.EARLIER_OR_EQUAL, lt.constraint().orElseThrow().operator());
    assertEquals(RelationOperator.LATER_OR_EQUAL, gt.constraint().orElseThrow().operator());
    assertTrue(lt.acceptsVersion(DebianVersion.parse("2")));
    assertFalse(gt.acceptsVersion(DebianVersion.parse("1.9")));
  }

  @Test
  void testParse_architectureRestrictionsAndProfiles() throws Exception {
    List<OrGroup> g = RelationParser.parse("libseccomp-dev [amd64 arm64] <!nocheck>, libfoo [!i386]", "t");
    Relation seccomp = g.get(0).alternatives().get(0);
    assertEquals(List.of("amd64", "arm64"), seccomp.architectures());
    assertTrue(seccomp.appliesTo("amd64"));
    assertFalse(seccomp.appliesTo("i386"));
    Relation foo = g.get(1).alternatives().get(0);
    assertFalse(foo.appliesTo("i386"));
    assertTrue(foo.appliesTo("amd64"));
  }

  @Test
  void testParseProvides_versioned() throws Exception {
    List<Relation> p = RelationParser.parseProvides("awk, libperl (= 5.36.0), foo:any", "t");
    assertEquals(3, p.size());
    assertEquals("5.36.0", p.get(1).constraint().orElseThrow().version().toString());
    assertThrows(RelationSyntaxException.class, () -> RelationParser.parseProvides("a (>= 1)", "t"));
  }

  @Test
  void testParse_errorsNameContextAndText() {
    RelationSyntaxException e = assertThrows(RelationSyntaxException.class,
        () -> RelationParser.parse("libc6 (>= 2.34, foo", "bash 5.2: Depends"));
    assertTrue(e.getMessage().contains("bash 5.2: Depends"), e.getMessage());
    assertTrue(e.getMessage().contains("libc6 (>= 2.34"), e.getMessage());
    assertThrows(RelationSyntaxException.class, () -> RelationParser.parse("a | | b", "t"));
    assertThrows(RelationSyntaxException.class, () -> RelationParser.parse("a (~= 1)", "t"));
  }

  @Test
  void testParse_toStringRoundTrips() throws Exception {
    String text = "a:any (>= 1.0) | b [amd64]";
    assertEquals(text, RelationParser.parse(text, "t").get(0).toString());
  }
}
