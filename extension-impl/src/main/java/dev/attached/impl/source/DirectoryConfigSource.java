package dev.attached.impl.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One key per file in a folder, as a Kubernetes Secret or ConfigMap mount delivers them: a file named
 * {@code attached.orders-db.url} (or {@code ATTACHED_ORDERS_DB_URL}) holds that key's value. Changes are polled and
 * reported once the folder has stayed the same for the poll interval plus the settle time, so writing a new file
 * swaps the resource, and several files written one after the other swap it once. An empty or unreadable file keeps
 * its last value; deleting a file removes its key (deleting the url detaches the resource).
 */
public final class DirectoryConfigSource extends PollingConfigSource {

    private final Path folder;

    /** With the settle time {@code attached.change-settle} gives as a system property or environment variable. */
    public DirectoryConfigSource(Path folder, int ordinal, Duration pollInterval) {
        this(folder, ordinal, pollInterval, AttachedConfigSources.settle());
    }

    /**
     * @param settle a change is reported once the folder has not changed for the poll interval plus this
     */
    public DirectoryConfigSource(Path folder, int ordinal, Duration pollInterval, Duration settle) {
        super("attached-directory:" + folder, ordinal, pollInterval, settle);
        this.folder = folder;
    }

    @Override
    protected Snapshot read() {
        MountedFiles.Listing listing = MountedFiles.read(folder);
        return new Snapshot(listing.values(), listing.unreadable());
    }

    /** Finds {@code attached.orders-db.url} in a file of that name, or of its environment variable name. */
    @Override
    public String getValue(String propertyName) {
        String value = super.getValue(propertyName);
        return value != null
                ? value
                : super.getValue(propertyName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
    }
}
