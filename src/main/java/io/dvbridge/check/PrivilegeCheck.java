package io.dvbridge.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether granted privileges cover what jobs need. A missing privilege fails (the job would be refused
 * with 403); one held below organization depth warns, since an integration's application user normally
 * works on rows other users own.
 */
public final class PrivilegeCheck {

    public List<CheckResult> evaluate(Collection<Requirement> required, Collection<GrantedPrivilege> granted) {
        Map<String, Depth> held = new HashMap<>();
        for (GrantedPrivilege privilege : granted) {
            held.merge(privilege.name().toLowerCase(Locale.ROOT), privilege.depth(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        List<CheckResult> results = new ArrayList<>();
        for (Requirement requirement : required) {
            String name = requirement.access().privilegeName(requirement.table());
            String check = "privilege " + name;
            Depth depth = held.get(name.toLowerCase(Locale.ROOT));
            if (depth == null) {
                results.add(CheckResult.failed(check, "missing: needed to " + requirement.purpose()
                        + "; add it to a security role of the application user"));
            } else if (depth != Depth.GLOBAL) {
                results.add(CheckResult.warning(check, "held at " + depth.name().toLowerCase(Locale.ROOT)
                        + " depth only: rows outside it are invisible or refused (needed to " + requirement.purpose() + ")"));
            } else {
                results.add(CheckResult.ok(check, "organization-wide (" + requirement.purpose() + ")"));
            }
        }
        return results;
    }

    /** The verdict of a whole check: failed if any failed, warning if any warned. */
    public static CheckStatus overall(Collection<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.status() == CheckStatus.FAILED)) {
            return CheckStatus.FAILED;
        }
        return results.stream().anyMatch(r -> r.status() == CheckStatus.WARNING) ? CheckStatus.WARNING : CheckStatus.OK;
    }
}
