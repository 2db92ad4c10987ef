package dev.attached.impl.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;
import dev.attached.impl.Messages;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.HandleReader;
import dev.attached.impl.config.HandleReader.Reading;
import dev.attached.impl.config.Secrets;
import dev.attached.spi.ResourceKind;

/** Every attached resource of the application, by name; what {@code @Inject AttachedResources} gives. */
public final class ResourceRegistry implements AttachedResources, AutoCloseable {

    private final Map<String, ResourceKind<?>> kinds;
    private final Map<String, ResourceSlot<?>> slots = new TreeMap<>();
    private final BoundedCalls calls = new BoundedCalls("attached-probe");
    private final Drainer drainer = new Drainer();
    private HandleReader reader;
    private ChangeSubscriptions subscriptions;
    /** The application's class loader: drivers and mail providers are found through it, whatever thread swaps. */
    private ClassLoader applicationLoader;

    /** @param kinds the kind of every injected resource name */
    public ResourceRegistry(Map<String, ResourceKind<?>> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    /**
     * Reads and checks every resource's configuration, then, if all of it is right, opens every resource (without
     * waiting for any service) and listens for configuration changes.
     *
     * @return every configuration problem, each naming its key; empty when the resources were started
     */
    public synchronized List<String> start(Config config, SwapEvents events) {
        reader = new HandleReader(config);
        applicationLoader = Thread.currentThread().getContextClassLoader();
        List<String> problems = new ArrayList<>();
        Map<String, Reading> readings = new TreeMap<>();
        kinds.forEach((name, kind) -> {
            Reading reading = reader.read(name, kind.keys());
            problems.addAll(reading.problems());
            if (reading.handle().isPresent()) {
                kind.validate(reading.handle().get())
                        .forEach(p -> problems.add(Messages.rejectedByKind(name, kind.name(), p)));
            } else if (!reading.optional() && reading.problems().isEmpty()) {
                problems.add(Messages.missingUrl(name));
            }
            readings.put(name, reading);
            slots.put(name, new ResourceSlot<>(name, kind, calls, drainer, events));
        });
        if (!problems.isEmpty()) {
            return problems;
        }
        readings.forEach((name, reading) -> {
            try {
                slots.get(name).start(reading.handle(), reading.optional());
            } catch (Exception e) {
                problems.add(Messages.invalidValue(name, Handle.URL, "could not be opened: "
                        + Secrets.describe(e, reading.handle().orElse(null))));
            }
        });
        if (problems.isEmpty()) {
            subscriptions = ChangeSubscriptions.subscribe(config, slots.keySet(), this::refresh);
        } else {
            slots.values().forEach(ResourceSlot::close); // the deployment fails: no shutdown event will close them
        }
        return problems;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(kinds.keySet());
    }

    @Override
    public ResourceStatus status(String name) {
        return slot(name).status();
    }

    @Override
    public ResourceStatus refresh(String name) {
        ResourceSlot<?> slot = slot(name);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(applicationLoader);
        try {
            return slot.apply(reader.read(name, slot.kind().keys()));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @throws IllegalArgumentException for a name no injection point uses */
    public ResourceSlot<?> slot(String name) {
        ResourceSlot<?> slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException(Messages.unknownResource(name));
        }
        return slot;
    }

    public Iterable<ResourceSlot<?>> slots() {
        return slots.values();
    }

    public BoundedCalls calls() {
        return calls;
    }

    @Override
    public synchronized void close() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        slots.values().forEach(ResourceSlot::close);
        drainer.close();
        calls.close();
    }
}
