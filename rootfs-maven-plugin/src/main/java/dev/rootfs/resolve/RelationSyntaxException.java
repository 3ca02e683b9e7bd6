package dev.rootfs.resolve;

/** A relation field (Depends, Provides, ...) that cannot be parsed; names the package, the field and the text. */
public class RelationSyntaxException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public RelationSyntaxException(String context, String text, String problem) {
    super(context + ": cannot parse '" + text + "': " + problem);
  }
}
