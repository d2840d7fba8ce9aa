package io.lakesynth.error;

/** A failure with a stable {@link ErrorCode}; its message names the table, column or key at fault. */
public class LakesynthException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode errorCode;

  public LakesynthException(ErrorCode errorCode, Object... args) {
    this(errorCode, null, args);
  }

  public LakesynthException(ErrorCode errorCode, Throwable cause, Object... args) {
    super(errorCode.format(args), cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public int exitCode() {
    return errorCode.exitCode();
  }

  @Override
  public String toString() {
    return "[" + errorCode.code() + "] " + getMessage();
  }
}
