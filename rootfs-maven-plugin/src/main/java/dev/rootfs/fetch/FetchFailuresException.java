package dev.rootfs.fetch;

import java.util.List;
import java.util.stream.Collectors;

/** Several files of one {@link Downloader#fetchAll} could not be had; the message names each with its reason. */
public class FetchFailuresException extends FetchException {
  private static final long serialVersionUID = 1L;

  private final transient List<FetchException> failures;

  public FetchFailuresException(List<FetchException> failures, int attempted) {
    super(failures.get(0).uri(), failures.size() + " of " + attempted + " files could not be fetched:\n"
        + failures.stream().map(f -> "  - " + f.getMessage()).collect(Collectors.joining("\n")), failures.get(0));
    this.failures = List.copyOf(failures);
    failures.stream().skip(1).forEach(this::addSuppressed);
  }

  /** Each failure, in the order the files were requested. */
  public List<FetchException> failures() {
    return failures;
  }
}
