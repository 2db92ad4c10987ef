package dev.attached.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that place orders without pause until stopped (or a bound of requests each is reached), counting the
 * orders placed, keeping every failure with its status and body, and the shipping quote of every order placed.
 */
final class OrderLoad implements AutoCloseable {

    private static final int MAX_ORDERS_PER_CLIENT = 50_000;

    /** The quote of one order: which client placed it, when it was sent and answered (nanoTime), which carrier. */
    record Quote(int client, long sent, long answered, String carrier) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger placed = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Quote> quotes = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();

    OrderLoad(SampleClient sample, int clients) {
        for (int c = 0; c < clients; c++) {
            int number = c;
            String name = "load-" + c;
            Thread client = new Thread(() -> {
                for (int i = 0; running.get() && i < MAX_ORDERS_PER_CLIENT; i++) {
                    try {
                        long sent = System.nanoTime();
                        SampleClient.Reply reply = sample.placeOrder(name + "-" + i);
                        if (reply.status() == 201) {
                            quotes.add(new Quote(number, sent, System.nanoTime(),
                                    reply.json().getJsonObject("shipping").getString("carrier")));
                            placed.incrementAndGet();
                        } else {
                            failures.add("HTTP " + reply.status() + " " + reply.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, name);
            this.clients.add(client);
            client.start();
        }
    }

    int placed() {
        return placed.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The quotes of the orders placed; each client's in the order it placed them. */
    List<Quote> quotes() {
        return List.copyOf(quotes);
    }

    /** Stops the clients and waits for their last request. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
    }
}
