package io.filament.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code filament infra cql STATEMENT}: one CQL statement on the local Cassandra node, rows tab-separated. */
@Command(name = "cql", description = "Run one CQL statement on the local Cassandra node and print the rows.")
final class CqlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STATEMENT")
    String statement;

    @Override
    public Integer call() {
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", 9042))
                .withLocalDatacenter("datacenter1").build()) {
            for (Row row : session.execute(statement)) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                    cells.add(String.valueOf(row.getObject(i)));
                }
                System.out.println(String.join("\t", cells));
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("filament: CQL failed: " + e.getMessage());
            return 1;
        }
    }
}
