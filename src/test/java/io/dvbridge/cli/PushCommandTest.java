package io.dvbridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dvbridge push} as a pipeline runs it: the demo command of the README, its exit codes and its rejects file. */
class PushCommandTest {

    @TempDir
    Path dir;

    int run(StringWriter out, StringWriter err, String... args) throws Exception {
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "dvbridge.runs.dir=" + dir.resolve("runs").toString().replace("\\", "/") + "\n");
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        CommandLine cli = DvBridge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all);
    }

    @Test
    void the_demo_push_writes_the_valid_rows_lists_the_rejected_ones_and_exits_2() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path rejects = dir.resolve("rejects.csv");

        int code = run(out, err, "push", "--environment", "contoso-prod", "--table", "dvb_customerimport", "--from",
                "config/samples/customers.csv", "--key", "dvb_customerimport_dvb_customernumber_key", "--rejects", rejects.toString(),
                "--no-color");

        assertThat(code).as(out + "" + err).isEqualTo(2);
        assertThat(out.toString()).contains("8 read, 5 valid, 3 rejected, 5 written, 0 failed")
                .contains("row 4, dvb_loyaltypoints '-5': range");
        assertThat(Files.readAllLines(rejects)).hasSize(4);
    }

    @Test
    void an_unknown_key_and_a_threshold_are_refused_clearly() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int unknownKey = run(out, err, "push", "-e", "contoso-prod", "--table", "dvb_customerimport", "--from",
                "config/samples/customers.csv", "--key", "nokey");

        assertThat(unknownKey).isEqualTo(64);
        assertThat(err.toString()).contains("has no alternate key 'nokey'").contains("dvb_customerimport_dvb_customernumber_key")
                .doesNotContain("\tat ");

        StringWriter out2 = new StringWriter();
        int stopped = run(out2, new StringWriter(), "push", "-e", "contoso-prod", "--table", "dvb_customerimport", "--from",
                "config/samples/customers.csv", "--key", "dvb_customerimport_dvb_customernumber_key", "--max-rejects", "10%", "--no-color");
        assertThat(stopped).isEqualTo(1);
        assertThat(out2.toString()).contains("Stopped before writing: 3 of 8 rows were rejected, more than --max-rejects 10% allows");
    }
}
