package io.ccoin.node.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ccoin} command line (SPEC 12). Every subcommand has {@code --help}; a bad argument,
 * file or setting prints one line naming what is wrong and exits with status 2; other failures
 * (a node that cannot be reached) exit with 1.
 */
@Command(
    name = "ccoin",
    mixinStandardHelpOptions = true,
    versionProvider = CcoinCli.Version.class,
    description = "An embeddable proof-of-authority blockchain: accounts, genesis, nodes, transactions and a local devnet.",
    subcommands = {
      AccountCommand.class,
      CreateAccountCommand.class,
      InitCommand.class,
      TxCommand.class,
      StatusCommand.class,
      PeersCommand.class,
      MinersCommand.class,
      DiscoveryCommand.class,
      NodeCommand.class,
      DevnetCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    })
public final class CcoinCli implements Runnable {
  /** Exit status for a bad argument, file or setting. */
  public static final int USAGE = 2;

  final Map<String, String> env;
  final PrintWriter out;

  CcoinCli(Map<String, String> env, PrintWriter out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
  }

  /** Runs the command line and returns its exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new CcoinCli(env, out));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("ccoin: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      err.println("ccoin: " + CliErrors.message(ex));
      err.flush();
      return CliErrors.status(ex);
    });
    int status = cl.execute(args);
    out.flush();
    return status;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = run(args, out, err, System.getenv());
    if (status != 0 || !Boolean.getBoolean("ccoin.keepRunning")) {
      System.exit(status);
    }
  }

  /** The version and commit recorded at build time (io/ccoin/node/build.properties), else the jar manifest's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildInfo.load().describe()};
    }
  }
}
