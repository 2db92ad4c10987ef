package dev.attached.impl.inject;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The normal scope of swap-aware resource beans: their client proxy stays the injected reference while the instance
 * behind it is whatever generation is current. Registered by the extension, never written by users.
 */
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD})
public @interface AttachedScoped {
}
