package dev.attached.impl.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.attached.impl.testing.TestApp;

/** Calls one resource's readiness without pause, as a load balancer would, and keeps every answer with its time. */
final class ReadinessWatch implements AutoCloseable {

    record Answer(long nanos, String status, String error) {
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ReadinessWatch(TestApp app, String name) {
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    var check = app.check(name);
                    var data = check.getJsonObject("data");
                    answers.add(new Answer(System.nanoTime(), check.getString("status"),
                            data != null && data.containsKey("error") ? data.getString("error") : ""));
                } catch (RuntimeException e) {
                    answers.add(new Answer(System.nanoTime(), "THREW", e.toString()));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "readiness-watch");
        thread.start();
    }

    /** Milliseconds from {@code since} to the first answer with {@code status} at or after it; -1 if none. */
    long millisUntil(String status, long since) {
        return answers.stream().filter(a -> a.nanos() >= since && a.status().equals(status)).findFirst()
                .map(a -> (a.nanos() - since) / 1_000_000).orElse(-1L);
    }

    /** Waits until an answer with {@code status} came at or after {@code since}; false after {@code millis}. */
    boolean await(String status, long since, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (millisUntil(status, since) >= 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The errors of the DOWN answers from {@code since} on, distinct. */
    List<String> errors(long since) {
        return answers.stream().filter(a -> a.nanos() >= since && !a.error().isEmpty()).map(Answer::error)
                .distinct().toList();
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
