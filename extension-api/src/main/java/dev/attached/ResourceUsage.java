package dev.attached;

/**
 * How much of a pooled resource is in use, for kinds that pool (the DataSource kind does); as
 * {@link ResourceStatus#usage()} reports it.
 *
 * @param active units lent out now (borrowed connections)
 * @param idle units open and waiting to be lent
 * @param max the most the pool opens
 * @param waiting callers waiting for a unit
 */
public record ResourceUsage(int active, int idle, int max, int waiting) {
}
