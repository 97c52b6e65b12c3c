package dev.hone.core.error;

/** A native engine (XGBoost, PyTorch) failed to load or raised an error. Internal (exit 1). */
public class NativeBackendException extends HoneException {
  private static final long serialVersionUID = 1L;

  public NativeBackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
