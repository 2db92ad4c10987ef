package dev.attached;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Names a backing service. The deploy's configuration says where it is:
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("orders-db") DataSource orders;
 * &#64;Inject &#64;AttachedResource("mailer") Instance&lt;Session&gt; mail;
 * &#64;Inject &#64;AttachedResource("geo-api") ResourceHandle geo;
 * </pre>
 *
 * with, in any MicroProfile Config source:
 *
 * <pre>
 * attached.orders-db.url=postgres://app:secret@db.internal:5432/orders
 * </pre>
 *
 * <p>
 * A name matches {@code [a-z0-9]([a-z0-9-]*[a-z0-9])?}. Deployment fails with a definition error when a name does
 * not, when one name is injected as two kinds, or (as a deployment problem) when its configuration is missing or
 * malformed. The same name at many injection points is one resource.
 *
 * <p>
 * References to interface types ({@code DataSource}, {@link ResourceHandle}) follow swaps: after the configuration
 * changes, the same injected reference reaches the new resource. Types that cannot be proxied (a final class such as
 * {@code jakarta.mail.Session}) follow swaps through {@code Instance<T>} or {@code Provider<T>}: every {@code get()}
 * returns the current resource.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface AttachedResource {

    /** The resource name; its configuration lives under {@code attached.<name>.}. */
    String value();

    /** Supports inline instantiation of the qualifier, for {@code Instance.select(...)} and event observers. */
    final class Literal extends AnnotationLiteral<AttachedResource> implements AttachedResource {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /** The qualifier for the resource {@code name}. */
        public static Literal of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
