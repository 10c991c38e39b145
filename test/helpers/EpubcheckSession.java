import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The tests' own way to run EPUBCheck on many books in one JVM (test/helpers/epubcheck.ts), kept
 * apart from ficbind's launcher so that the oracle shares no code with what it checks. Run as a
 * source file: java -cp epubcheck.jar EpubcheckSession.java REPORT_FOLDER
 *
 * Each line of stdin is the path of a book; its JSON report (what `java -jar epubcheck.jar --json`
 * writes) goes to REPORT_FOLDER/N.json, N counting books from 0, and stdout then says "N CODE".
 */
public class EpubcheckSession {
  public static void main(String[] args) throws Exception {
    File folder = new File(args[0]);
    PrintStream done = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err); // EPUBCheck's own chatter must not mix with the "N CODE" lines
    BufferedReader books = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int n = 0;
    for (String book = books.readLine(); book != null; book = books.readLine(), n++) {
      String report = new File(folder, n + ".json").getPath();
      int code = new EpubChecker().run(new String[] {"--locale", "en", "--json", report, book});
      done.println(n + " " + code);
    }
    System.exit(0);
  }
}
