package dev.attached.tck.kind;

import java.util.concurrent.CountDownLatch;

/**
 * The type the TCK's plug-in kind injects: a client of an "echo service" that answers with its own location. It
 * stands for any third-party client an application adds a kind for (a queue, a cache).
 */
public interface Echo {

    /** The id of the generation this call reached, unique in the JVM. */
    long id();

    /** The url of the generation this call reached. */
    String location();

    /**
     * Counts {@code inside} down, then waits for {@code release} (a call in progress, held open by the test), and
     * answers with the url of the generation it entered (marked if that generation was closed meanwhile).
     */
    String hold(CountDownLatch inside, CountDownLatch release) throws InterruptedException;

    /** Whether the generation this call reached had been closed when it answered. */
    boolean closed();
}
