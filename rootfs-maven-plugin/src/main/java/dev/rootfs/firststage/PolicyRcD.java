package dev.rootfs.firststage;

import dev.rootfs.deb.TreeWriter;
import dev.rootfs.fs.ModelConflictException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * /usr/sbin/policy-rc.d answering 101 ("action forbidden") so that invoke-rc.d starts no service while maintainer
 * scripts run in the second stage; like mmdebstrap, installed before and removed after.
 */
public final class PolicyRcD {

  public static final String PATH = "usr/sbin/policy-rc.d";
  public static final String CONTENT = "#!/bin/sh\nexit 101\n";

  private PolicyRcD() {}

  public static void install(TreeWriter w) throws IOException, ModelConflictException {
    w.directory("usr/sbin", 0755);
    w.file(PATH, CONTENT.getBytes(StandardCharsets.US_ASCII), 0755);
  }

  public static void remove(TreeWriter w) throws IOException, ModelConflictException {
    w.remove(PATH);
  }
}
