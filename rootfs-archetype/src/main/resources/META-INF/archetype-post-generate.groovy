// Runs after the templates are rendered. Fails the generation for a board without a preset (the archetype plugin
// has no other way to reject a property value in batch mode), and makes the rpi4 firmware hook executable (an
// archetype cannot carry file modes).
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

def boards = ['generic-amd64', 'qemu-arm64', 'qemu-riscv64', 'rpi4', 'beaglebone-black']
Path project = Paths.get(request.outputDirectory, request.artifactId)

if (!boards.contains(board)) {
    if (Files.isDirectory(project)) {
        project.toFile().deleteDir()
    }
    throw new IllegalArgumentException("Unknown board '" + board + "' (-Dboard): choose one of "
            + boards.join(', ') + ". Nothing was generated.")
}

Path hooks = project.resolve('src/main/hooks')
if (Files.isDirectory(hooks)) {
    hooks.toFile().eachFile { f ->
        // Every *.sh hook runs anyway; the mode only matters to someone running a board hook by hand.
        if (f.name.endsWith('.sh')) {
            f.setExecutable(true, false)
        }
    }
}
