package dev.attached.tck.wildfly;

import java.util.Optional;

import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;

/**
 * Turns a failed WildFly deployment back into the CDI exception that failed it. WildFly's adapter reports a failed
 * deploy as Arquillian's {@code DeploymentException} whose message is the server's failure description, the causes
 * as text ({@code Caused by: jakarta.enterprise.inject.spi.DeploymentException: ATTACHED-010: ...}) and no cause
 * object, so {@code @ShouldThrowException(jakarta.enterprise.inject.spi.DeploymentException.class)} never matches.
 * This reads the innermost CDI exception named in that text; anything else is passed on unchanged, as WildFly's own
 * transformer does.
 */
public class WildFlyDeploymentFailures implements DeploymentExceptionTransformer {

    @Override
    public Throwable transform(Throwable exception) {
        String text = String.valueOf(exception.getMessage());
        return named(text, DeploymentException.class).<Throwable>map(m -> new DeploymentException(m, exception))
                .or(() -> named(text, DefinitionException.class).map(m -> new DefinitionException(m, exception)))
                .orElse(exception);
    }

    /** The message of the last {@code type} the text names, up to the end of its line. */
    static Optional<String> named(String text, Class<? extends Throwable> type) {
        String marker = type.getName() + ": ";
        int start = text.lastIndexOf(marker);
        if (start < 0) {
            return Optional.empty();
        }
        int from = start + marker.length();
        int end = text.indexOf('\n', from);
        return Optional.of(text.substring(from, end < 0 ? text.length() : end).strip());
    }
}
