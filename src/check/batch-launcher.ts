import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * EPUBCheck's command line checks one book per JVM, and a JVM start with EPUBCheck's schemas costs
 * seconds (w3c/epubcheck#664: "the only way to do it is programmatically, via EpubCheck's Java
 * API"). This small Java program runs EPUBCheck's own command-line entry once per book inside one
 * JVM, so every book gets exactly the report `java -jar epubcheck.jar --json` would write.
 *
 * Protocol: stdin carries NUL-terminated pairs (report file, then book), any path allowed; for
 * each pair stdout answers one line, `ok <EPUBCheck's exit code>` or `failed <why>`. EPUBCheck's
 * own progress lines go to stderr. End of stdin ends the program.
 */
export const LAUNCHER_CLASS = 'FicbindEpubcheckBatch';

const LAUNCHER_SOURCE = `import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** Written by ficbind (src/check/batch-launcher.ts): EPUBCheck for many books in one JVM. */
public final class ${LAUNCHER_CLASS} {
  public static void main(String[] args) throws IOException {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err);
    InputStream in = new BufferedInputStream(System.in);
    for (String report = next(in), book = next(in); book != null; report = next(in), book = next(in)) {
      try {
        int code = new EpubChecker().run(new String[] {"--locale", "en", "--json", report, book});
        answers.println("ok " + code);
      } catch (Throwable t) {
        answers.println("failed " + String.valueOf(t).replace('\\n', ' '));
      }
    }
    System.exit(0);
  }

  private static String next(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != 0; b = in.read()) {
      if (b < 0) return null;
      bytes.write(b);
    }
    return bytes.toString("UTF-8");
  }
}
`;

/**
 * The folder holding the compiled launcher, compiled once into the user's cache folder (or, when
 * that cannot be written, into a temporary folder for this run only). Undefined when this Java
 * cannot compile it: a runtime without the compiler module (a jlinked or "JRE" image); Debian's
 * and Homebrew's Java have it. The caller then runs EPUBCheck once per book.
 */
export async function compiledLauncher(jar: string): Promise<{ folder: string; temporary: boolean } | undefined> {
  const digest = createHash('sha256').update(LAUNCHER_SOURCE).digest('hex').slice(0, 16);
  const cached = path.join(userCacheFolder(), 'ficbind', `epubcheck-launcher-${digest}`);
  if (await isFile(path.join(cached, `${LAUNCHER_CLASS}.class`))) return { folder: cached, temporary: false };
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ficbind-launcher-'));
  const classes = path.join(scratch, 'classes');
  if (!(await compile(jar, scratch, classes))) {
    await rm(scratch, { recursive: true, force: true });
    return undefined;
  }
  try {
    // Compiled beside, renamed in: two runs compiling at once both end with a whole class file.
    await mkdir(path.dirname(cached), { recursive: true });
    await rename(classes, cached).catch(async (error: NodeJS.ErrnoException) => {
      if (!(await isFile(path.join(cached, `${LAUNCHER_CLASS}.class`)))) throw error;
    });
    await rm(scratch, { recursive: true, force: true });
    return { folder: cached, temporary: false };
  } catch {
    return { folder: classes, temporary: true };
  }
}

/**
 * javac through the `java` command itself (`-m jdk.compiler/...` is what the `javac` binary runs),
 * so the launcher is compiled by the same Java that will run it, and a runtime without the `javac`
 * binary but with the compiler module (Debian's default-jre-headless) compiles it too.
 * `--release 11`: EPUBCheck 5 needs Java 11, and the class then runs on any newer Java.
 */
async function compile(jar: string, scratch: string, classes: string): Promise<boolean> {
  const source = path.join(scratch, `${LAUNCHER_CLASS}.java`);
  await writeFile(source, LAUNCHER_SOURCE);
  const args = ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '--release', '11', '-nowarn'];
  return new Promise((resolve) => {
    const child = spawn('java', [...args, '-cp', jar, '-d', classes, source], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Where per-user caches go: XDG on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
function userCacheFolder(): string {
  if (process.env.XDG_CACHE_HOME) return process.env.XDG_CACHE_HOME;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return process.env.LOCALAPPDATA;
  return path.join(os.homedir(), '.cache');
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
