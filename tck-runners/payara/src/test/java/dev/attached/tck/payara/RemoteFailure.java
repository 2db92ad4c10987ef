package dev.attached.tck.payara;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;

/**
 * Rebuilds, on the client, the exceptions a failed deployment logged in the server (as
 * {@code deployer.FailureReport} writes them), so {@code @ShouldThrowException(DeploymentException.class)} sees the
 * server's cause. Each exception becomes the most specific class of its hierarchy the client can load, with the
 * server's message; the exceptions logged one after another are chained, the first outermost.
 * <p>
 * Payara does not log the CDI exception itself: its {@code WeldDeployer} wraps what Weld threw in GlassFish's own
 * {@code DeploymentException}, which keeps the stack but drops the cause, and says which it was in the message:
 * {@value #DEFINITION} for a {@code DefinitionException}, {@value #DEPLOYMENT} for a CDI
 * {@code DeploymentException} (or, when neither is in the chain, anything else). That prefix is read back into the
 * CDI type, as the cause of GlassFish's exception.
 */
final class RemoteFailure {

    static final String DEFINITION = "CDI definition failure:";
    static final String DEPLOYMENT = "CDI deployment failure:";

    private RemoteFailure() {
    }

    static Throwable read(String report) {
        List<List<String[]>> exceptions = new ArrayList<>();
        List<String[]> chain = new ArrayList<>();
        for (String line : report.split("\n")) {
            if (line.isBlank()) {
                if (!chain.isEmpty()) {
                    exceptions.add(chain);
                    chain = new ArrayList<>();
                }
            } else {
                chain.add(line.split("\t", 2));
            }
        }
        if (!chain.isEmpty()) {
            exceptions.add(chain);
        }
        Throwable next = null;
        for (int i = exceptions.size() - 1; i >= 0; i--) {
            next = rebuild(exceptions.get(i), next);
        }
        return next;
    }

    /** One logged exception and its causes, innermost last; {@code next} (the one logged after it) goes inside. */
    private static Throwable rebuild(List<String[]> chain, Throwable next) {
        String[] innermost = chain.get(chain.size() - 1);
        String message = message(innermost);
        Throwable cause = message.startsWith(DEFINITION)
                ? new DefinitionException(message.substring(DEFINITION.length()))
                : message.startsWith(DEPLOYMENT)
                        ? new DeploymentException(message.substring(DEPLOYMENT.length()))
                        : null;
        if (cause != null && next != null) {
            cause.initCause(next);
        }
        Throwable outer = cause != null ? cause : next;
        for (int i = chain.size() - 1; i >= 0; i--) {
            outer = make(chain.get(i)[0].split(","), message(chain.get(i)), outer);
        }
        return outer;
    }

    private static String message(String[] line) {
        return line.length > 1 ? unescape(line[1]) : "";
    }

    /** The first class of the hierarchy the client can make from a message, or a RuntimeException. */
    private static Throwable make(String[] types, String message, Throwable cause) {
        String shown = "[server: " + types[0] + "] " + message;
        for (String type : types) {
            Throwable made = make(type, shown);
            if (made != null) {
                if (cause != null) {
                    made.initCause(cause);
                }
                return made;
            }
        }
        return new RuntimeException(shown, cause);
    }

    private static Throwable make(String type, String message) {
        try {
            Class<?> found = Class.forName(type, false, RemoteFailure.class.getClassLoader());
            if (!Throwable.class.isAssignableFrom(found)) {
                return null;
            }
            Constructor<?> constructor = found.getConstructor(String.class);
            Throwable made = (Throwable) constructor.newInstance(message);
            return made.getCause() == null ? made : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // not on the client, or not made from a message: try its superclass
        }
    }

    private static String unescape(String message) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\\' && i + 1 < message.length()) {
                char next = message.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
