package io.ccoin.node.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ccoin help [COMMAND...]}: the help of any command, nested ones included
 * ({@code ccoin help tx send}); picocli's own help command only looks one level down.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
    description = "Show the help of a command, e.g. 'ccoin help tx send'.")
final class HelpCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, with its subcommands (e.g. tx send)")
  List<String> path = List.of();

  @Override
  public void run() {
    CommandLine target = spec.root().commandLine();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command '" + String.join(" ", path)
            + "'; the commands of '" + target.getCommandSpec().qualifiedName() + "' are: "
            + String.join(", ", target.getCommandSpec().subcommands().keySet()));
      }
      target = next;
    }
    target.usage(spec.commandLine().getOut());
  }
}
