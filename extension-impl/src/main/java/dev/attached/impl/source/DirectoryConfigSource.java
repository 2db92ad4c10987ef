package dev.attached.impl.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One key per file in a folder, as a Kubernetes Secret or ConfigMap mount delivers them: a file named
 * {@code attached.orders-db.url} (or {@code ATTACHED_ORDERS_DB_URL}) holds that key's value. Changes are polled and
 * reported, so writing a new file swaps the resource.
 */
public final class DirectoryConfigSource extends PollingConfigSource {

    private final Path folder;

    public DirectoryConfigSource(Path folder, int ordinal, Duration pollInterval) {
        super("attached-directory:" + folder, ordinal, pollInterval);
        this.folder = folder;
    }

    @Override
    protected Map<String, String> read() {
        return MountedFiles.read(folder);
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
