package io.dvbridge.store;

/** What asking for a lease gave: the lease, or the lease of the run that holds the target now. */
public sealed interface LeaseResult {

    record Acquired(Lease lease) implements LeaseResult {
    }

    record Held(Lease by) implements LeaseResult {
    }
}
