package dev.attached.impl.inject;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The pseudo-scope of resource beans. Its context hands out each bean's stable, swap-aware reference (or, for a type
 * no reference can stand for, the current resource) and keeps nothing per injection or {@code Instance.get()}: no
 * client proxy, no dependent instance to track. Registered by the extension, never written by users.
 */
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD})
public @interface AttachedScoped {
}
