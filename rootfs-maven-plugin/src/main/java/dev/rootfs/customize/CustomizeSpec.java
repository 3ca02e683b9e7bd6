package dev.rootfs.customize;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the customize step applies, in the order it applies it: overlay, accounts, hostname, locale, timezone,
 * services.
 */
public record CustomizeSpec(
    Optional<Path> overlay,
    List<PermissionRule> permissions,
    List<UserSpec> users,
    Optional<String> rootPasswordHash,
    List<String> rootAuthorizedKeys,
    Optional<String> hostname,
    Optional<String> locale,
    Optional<String> timezone,
    List<String> enableServices) {

  public CustomizeSpec {
    permissions = List.copyOf(permissions);
    users = List.copyOf(users);
    rootAuthorizedKeys = List.copyOf(rootAuthorizedKeys);
    enableServices = List.copyOf(enableServices);
  }

  public static CustomizeSpec none() {
    return new CustomizeSpec(Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
  }
}
