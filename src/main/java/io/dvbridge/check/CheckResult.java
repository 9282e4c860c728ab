package io.dvbridge.check;

/** One line of the check report: what was checked, how it ended, and what to do about it. */
public record CheckResult(String check, CheckStatus status, String detail) {

    public static CheckResult ok(String check, String detail) {
        return new CheckResult(check, CheckStatus.OK, detail);
    }

    public static CheckResult warning(String check, String detail) {
        return new CheckResult(check, CheckStatus.WARNING, detail);
    }

    public static CheckResult failed(String check, String detail) {
        return new CheckResult(check, CheckStatus.FAILED, detail);
    }
}
