package dev.rootfs.customize;

import java.util.List;

/**
 * An account to create in the image.
 *
 * @param name login name
 * @param groups supplementary groups that must exist in the image (sudo, adm, ...)
 * @param passwordHash crypt(3) hash, or null for a locked password (log in by key)
 * @param authorizedKeys OpenSSH public keys for ~/.ssh/authorized_keys
 * @param shell login shell, default /bin/bash
 */
public record UserSpec(String name, List<String> groups, String passwordHash, List<String> authorizedKeys,
    String shell) {

  public UserSpec {
    groups = groups == null ? List.of() : List.copyOf(groups);
    authorizedKeys = authorizedKeys == null ? List.of() : List.copyOf(authorizedKeys);
    shell = shell == null || shell.isBlank() ? "/bin/bash" : shell;
  }
}
