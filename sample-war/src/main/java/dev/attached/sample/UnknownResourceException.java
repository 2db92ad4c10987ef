package dev.attached.sample;

/** A request named an attached resource the application does not have. The API answers 404. */
public class UnknownResourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownResourceException(String name, Iterable<String> known) {
        super("no attached resource is named '" + Redaction.oneLine(name) + "'; the resources are "
                + String.join(", ", known));
    }
}
