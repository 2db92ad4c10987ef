package dev.attached.impl.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.microprofile.config.Config;

import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;
import dev.attached.impl.Messages;
import dev.attached.impl.config.GlobalSettings;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.HandleReader;
import dev.attached.impl.config.Secrets;
import dev.attached.impl.runtime.ResourceSlot.Checked;
import dev.attached.spi.ResourceKind;

/** Every attached resource of the application, by name; what {@code @Inject AttachedResources} gives. */
public final class ResourceRegistry implements AttachedResources, AutoCloseable {

    private final Map<String, ResourceSlot<?, ?>> slots = new TreeMap<>();
    private final BoundedCalls calls = new BoundedCalls("attached-probe");
    private final ScheduledExecutorService drainThread = Executors.newSingleThreadScheduledExecutor(
            BoundedCalls.daemon("attached-drain"));
    private final ReportedEvents events = new ReportedEvents();
    private final Drainer drainer = new Drainer(drainThread, task -> calls.start(() -> {
        task.run();
        return null;
    }), System::nanoTime, events);
    private HandleReader reader;
    private ChangeSubscriptions subscriptions;
    /** The application's class loader: drivers and mail providers are found through it, whatever thread swaps. */
    private ClassLoader applicationLoader;

    /** @param kinds the kind of every injected resource name */
    public ResourceRegistry(Map<String, ResourceKind<?, ?>> kinds) {
        SlotServices services = new SlotServices(calls, drainer, events);
        kinds.forEach((name, kind) -> slots.put(name, slot(name, kind, services)));
    }

    private static <S, T> ResourceSlot<S, T> slot(String name, ResourceKind<S, T> kind, SlotServices services) {
        return new ResourceSlot<>(name, kind, services);
    }

    /**
     * Reads and checks every resource's configuration, then, if all of it is right, opens every resource (without
     * waiting for any service) and listens for configuration changes.
     *
     * @return every configuration problem, each naming its key; empty when the resources were started
     */
    public synchronized List<String> start(Config config, ResourceEvents target) {
        reader = new HandleReader(config, slots.keySet());
        applicationLoader = Thread.currentThread().getContextClassLoader();
        events.reportTo(target);
        List<String> problems = new ArrayList<>();
        Map<String, Checked<?>> checked = new TreeMap<>();
        slots.forEach((name, slot) -> {
            var reading = reader.read(name, slot.kind().keys());
            Checked<?> check = slot.check(reading);
            problems.addAll(check.problems());
            if (reading.handle().isEmpty() && !reading.optional() && reading.problems().isEmpty()) {
                problems.add(Messages.missingUrl(name));
            }
            checked.put(name, check);
        });
        Duration settle = GlobalSettings.changeSettle(config, problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        checked.forEach((name, check) -> {
            try {
                start(slots.get(name), check);
            } catch (Exception | LinkageError e) {
                problems.add(Messages.invalidValue(name, Handle.URL, "could not be opened: "
                        + Secrets.describe(e, check.reading().handle().orElse(null))));
            }
        });
        if (problems.isEmpty()) {
            subscriptions = ChangeSubscriptions.subscribe(config, settle, slots.keySet(), this::refresh);
        } else {
            slots.values().forEach(ResourceSlot::close); // the deployment fails: no shutdown event will close them
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static <S> void start(ResourceSlot<S, ?> slot, Checked<?> check) throws Exception {
        slot.start((Checked<S>) check);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(slots.keySet());
    }

    @Override
    public ResourceStatus status(String name) {
        return slot(name).statusWithUsage();
    }

    @Override
    public ResourceStatus refresh(String name) {
        ResourceSlot<?, ?> slot = slot(name);
        if (reader == null) {
            throw new IllegalStateException(Messages.notStarted(name));
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(applicationLoader);
        try {
            return slot.refresh(() -> reader.read(name, slot.kind().keys()));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @throws IllegalArgumentException for a name no injection point uses */
    public ResourceSlot<?, ?> slot(String name) {
        ResourceSlot<?, ?> slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException(Messages.unknownResource(name));
        }
        return slot;
    }

    public Iterable<ResourceSlot<?, ?>> slots() {
        return slots.values();
    }

    public BoundedCalls calls() {
        return calls;
    }

    /** Where events about the resources go; observers' failures never reach the caller. */
    public ResourceEvents events() {
        return events;
    }

    @Override
    public synchronized void close() {
        events.stop();
        if (subscriptions != null) {
            subscriptions.close();
        }
        slots.values().forEach(ResourceSlot::close);
        drainer.close();
        drainThread.shutdownNow();
        calls.close();
    }
}
