package dev.attached.tck.payara.deployer;

import java.util.List;

/**
 * The text form of the exceptions a failed deployment logged: one line per exception, each cause on the next line,
 * a blank line between exceptions. A line is the exception's class and its superclasses up to {@code Throwable},
 * comma-separated, a tab, and the message with line breaks escaped. Superclasses are listed so the client can stand
 * in a class it has (the CDI API's {@code DeploymentException}) for one it does not (Weld's subclass of it).
 */
public final class FailureReport {

    private FailureReport() {
    }

    public static String write(List<Throwable> exceptions) {
        StringBuilder out = new StringBuilder();
        for (Throwable exception : exceptions) {
            if (out.length() > 0) {
                out.append('\n');
            }
            for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
                StringBuilder types = new StringBuilder();
                for (Class<?> type = t.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                    types.append(types.length() == 0 ? "" : ",").append(type.getName());
                }
                String message = String.valueOf(t.getMessage()).replace("\\", "\\\\").replace("\r", "")
                        .replace("\n", "\\n").replace("\t", " ");
                out.append(types).append('\t').append(message).append('\n');
            }
        }
        return out.toString();
    }
}
