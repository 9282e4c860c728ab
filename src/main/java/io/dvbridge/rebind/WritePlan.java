package io.dvbridge.rebind;

import java.util.List;

/** A plan the writer executes: a {@link RebindPlan} or an {@link UndoPlan}. */
public interface WritePlan {

    /** The writes to perform, each conditional on its row's ETag. */
    List<PlannedChange> changes();

    /**
     * The report rows of everything that needs no write (unchanged, mismatched, ambiguous, unmatched, conflicts).
     */
    List<RowResult> rowsWithoutWrites();
}
