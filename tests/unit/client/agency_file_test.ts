import { strict as assert } from "node:assert";
import {
  AgencyFileError,
  countLines,
  type NumberedBet,
  readAgencyFile,
} from "../../../lib/client/agency_file.ts";
import { sampleBet } from "../../_helpers/bet_arbitraries.ts";
import { makeTempDir } from "../../_helpers/temp_files.ts";

const LINES = [
  "Santiago Lionel,Lorca,30904465,1999-03-17,7574",
  "Ana,Pérez,0012345,2000-02-29,0",
  "José,Ñandú,1,1900-01-01,9999",
];

const EXPECTED = [
  sampleBet({ agency: 2 }),
  sampleBet({
    agency: 2,
    firstName: "Ana",
    lastName: "Pérez",
    document: "0012345",
    birthdate: { year: 2000, month: 2, day: 29 },
    number: 0,
  }),
  sampleBet({
    agency: 2,
    firstName: "José",
    lastName: "Ñandú",
    document: "1",
    birthdate: { year: 1900, month: 1, day: 1 },
    number: 9999,
  }),
];

/** Writes `content` to a temp agency file and reads every bet of agency 2. */
async function readText(content: string | Uint8Array): Promise<NumberedBet[]> {
  await using dir = await makeTempDir();
  const path = await dir.write("agency-2.csv", content);
  return await Array.fromAsync(readAgencyFile(path, 2));
}

/** Asserts reading `content` fails at `line` with a message matching `problem`. */
async function assertBadLine(
  content: string,
  line: number,
  problem: RegExp,
): Promise<void> {
  await assert.rejects(readText(content), (error: unknown) => {
    assert.ok(error instanceof AgencyFileError, String(error));
    assert.equal(error.name, "AgencyFileError");
    assert.equal(error.line, line);
    assert.match(error.message, new RegExp(`agency-2\\.csv line ${line}: `));
    assert.match(error.message, problem);
    return true;
  });
}

Deno.test("readAgencyFile() streams the bets of a file", async (t) => {
  await t.step("LF line ends, with line numbers", async () => {
    const read = await readText(LINES.join("\n") + "\n");

    assert.deepEqual(read.map((item) => item.bet), EXPECTED);
    assert.deepEqual(read.map((item) => item.line), [1, 2, 3]);
  });

  await t.step("CRLF line ends", async () => {
    const read = await readText(LINES.join("\r\n") + "\r\n");

    assert.deepEqual(read.map((item) => item.bet), EXPECTED);
  });

  await t.step("no line end after the last line", async () => {
    const read = await readText(LINES.join("\n"));

    assert.deepEqual(read.map((item) => item.bet), EXPECTED);
  });

  await t.step("a UTF-8 byte order mark is skipped", async () => {
    const read = await readText("\uFEFF" + LINES.join("\r\n"));

    assert.equal(read[0].bet.firstName, "Santiago Lionel");
    assert.deepEqual(read.map((item) => item.bet), EXPECTED);
  });

  await t.step("blank lines are skipped but still counted", async () => {
    const read = await readText(`${LINES[0]}\n\n${LINES[1]}\n`);

    assert.deepEqual(read.map((item) => item.line), [1, 3]);
  });

  await t.step(
    "quoted fields with commas, quotes and line breaks",
    async () => {
      const text = '"Ana, María","O""Brien",1,2000-01-01,5\n' +
        '"Two\nLines",X,2,2000-01-01,6\n';
      const read = await readText(text);

      assert.deepEqual(
        read.map(({ bet }) => [bet.firstName, bet.lastName]),
        [["Ana, María", 'O"Brien'], ["Two\nLines", "X"]],
      );
    },
  );

  await t.step("an empty file has no bets", async () => {
    assert.deepEqual(await readText(""), []);
  });

  await t.step("bets before a bad line are handed out first", async () => {
    await using dir = await makeTempDir();
    const path = await dir.write("agency-2.csv", `${LINES[0]}\nbad\n`);
    const seen: number[] = [];

    await assert.rejects(async () => {
      for await (const { line } of readAgencyFile(path, 2)) seen.push(line);
    }, AgencyFileError);
    assert.deepEqual(seen, [1]);
  });
});

Deno.test("readAgencyFile() names the line of a bad record", async (t) => {
  await t.step("too few fields", async () => {
    await assertBadLine(
      `${LINES[0]}\n${LINES[1]}\nAna,Pérez,1,2000-01-01\n`,
      3,
      /expected 5 fields, found 4$/,
    );
  });

  await t.step("too many fields", async () => {
    await assertBadLine(
      `${LINES[0]},extra\n`,
      1,
      /expected 5 fields, found 6$/,
    );
  });

  await t.step("a date that is not YYYY-MM-DD", async () => {
    await assertBadLine(
      `${LINES[0]}\nAna,Pérez,1,17/03/1999,5\n`,
      2,
      /Cannot parse date "17\/03\/1999"/,
    );
  });

  await t.step("a day that does not exist", async () => {
    await assertBadLine(
      `Ana,Pérez,1,2023-02-29,5\n`,
      1,
      /Cannot accept birthdate 2023-02-29: no such day$/,
    );
  });

  await t.step("a birthdate in the future", async () => {
    await assertBadLine(`Ana,Pérez,1,2999-01-01,5\n`, 1, /not between/);
  });

  await t.step("a number that is not a whole number", async () => {
    await assertBadLine(
      `${LINES.join("\n")}\nAna,Pérez,1,2000-01-01,12a\n`,
      4,
      /Cannot parse number "12a": not a whole number$/,
    );
  });

  await t.step("a number over 9999", async () => {
    await assertBadLine(`Ana,Pérez,1,2000-01-01,10000\n`, 1, /number 10000/);
  });

  await t.step("a document with letters", async () => {
    await assertBadLine(`Ana,Pérez,12a,2000-01-01,1\n`, 1, /document "12a"/);
  });

  await t.step("a blank name", async () => {
    await assertBadLine(
      `${LINES[0]}\n ,Pérez,1,2000-01-01,1\n`,
      2,
      /firstName/,
    );
  });

  await t.step("a quoted field with a stray quote inside", async () => {
    await assertBadLine(
      `${LINES[0]}\nAna,"Pé"rez",1,2000-01-01,1\n`,
      2,
      /quote/i,
    );
  });

  await t.step("an unterminated quoted field", async () => {
    await assertBadLine(
      `${LINES[0]}\nAna,"Pérez,1,2000-01-01,1\n${LINES[0]}\n`,
      2,
      /quote/i,
    );
  });

  await t.step("the cause is kept", async () => {
    await assert.rejects(
      readText("Ana,Pérez,1,2000-01-01,x\n"),
      (error: Error) => error.cause instanceof SyntaxError,
    );
  });
});

Deno.test("countLines() counts the lines of a file", async (t) => {
  const cases: [string, string, number][] = [
    ["an empty file", "", 0],
    ["one line with its end", "a\n", 1],
    ["two lines, no final end", "a\nb", 2],
    ["CRLF ends", "a\r\nb\r\nc\r\n", 3],
    ["the agency lines", LINES.join("\n") + "\n", 3],
  ];

  for (const [name, content, expected] of cases) {
    await t.step(name, async () => {
      await using dir = await makeTempDir();

      assert.equal(
        await countLines(await dir.write("f.csv", content)),
        expected,
      );
    });
  }

  await t.step("a file larger than one read chunk", async () => {
    await using dir = await makeTempDir();
    const line = `${LINES[0]}\n`;
    const content = line.repeat(10_000);

    assert.ok(content.length > 64 * 1024);
    assert.equal(await countLines(await dir.write("f.csv", content)), 10_000);
  });

  await t.step("a chunk that ends exactly at a line end", async () => {
    await using dir = await makeTempDir();
    const content = "x".repeat(64 * 1024 - 1) + "\n" + "tail";

    assert.equal(await countLines(await dir.write("f.csv", content)), 2);
  });

  await t.step("a missing file rejects with NotFound", async () => {
    await using dir = await makeTempDir();

    await assert.rejects(
      countLines(dir.pathOf("absent.csv")),
      Deno.errors.NotFound,
    );
  });
});
