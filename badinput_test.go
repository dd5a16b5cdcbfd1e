package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// goodReports are corpus reports that ingest cleanly.
var goodReports = []string{
	"aohan-2021-05-12-banner-seminar",
	"baoding-2021-11-15-heating-dispatch",
}

// badInput is one file an ingest may be handed. wantErr is the fragment of
// the line that names the file and what was wrong with it; empty when the
// file is a report that must be read.
type badInput struct {
	name    string
	file    string
	write   func(t *testing.T, path string)
	wantErr string
}

var badInputs = []badInput{
	{
		name:    "empty file",
		file:    "empty.txt",
		write:   copyTestdata("empty.txt"),
		wantErr: "empty",
	},
	{
		name: "invalid UTF-8",
		file: "invalid-utf8.txt",
		write: func(t *testing.T, path string) {
			t.Helper()
			b := corpusText(t, "changde-2022-09-02-river-chief-two-meetings")
			mid := bytes.IndexRune(b[len(b)/2:], '。') + len(b)/2 + len("。")
			b = append(b[:mid:mid], append([]byte{0xff}, b[mid:]...)...)
			writeFile(t, path, b)
		},
		wantErr: "invalid UTF-8 at byte",
	},
	{
		name: "GBK report",
		file: "gbk.txt",
		write: func(t *testing.T, path string) {
			t.Helper()
			b, err := simplifiedchinese.GBK.NewEncoder().Bytes(corpusText(t, "changde-2022-09-02-river-chief-two-meetings"))
			if err != nil {
				t.Fatalf("encoding to GBK: %v", err)
			}
			writeFile(t, path, b)
		},
	},
	{
		name: "binary data",
		file: "binary.txt",
		write: func(t *testing.T, path string) {
			t.Helper()
			b := make([]byte, 4096)
			rand.New(rand.NewSource(1)).Read(b)
			writeFile(t, path, b)
		},
		wantErr: "unsupported or damaged character encoding",
	},
	{
		name:    "HTML page",
		file:    "page.txt",
		write:   copyTestdata("page.txt"),
		wantErr: "HTML",
	},
	{
		name: "50 MB file",
		file: "huge.txt",
		write: func(t *testing.T, path string) {
			t.Helper()
			line := []byte(strings.Repeat("会议强调，要抓好各项工作落实。", 20) + "\n")
			writeFile(t, path, bytes.Repeat(line, 50<<20/len(line)+1))
		},
		wantErr: "over the limit",
	},
	{
		name: "10,000 names",
		file: "many-names.txt",
		write: func(t *testing.T, path string) {
			t.Helper()
			writeFile(t, path, manyNamesReport(10000))
			writeFile(t, strings.TrimSuffix(path, ".txt")+".meta.json", corpusMeta(t, goodReports[0]))
		},
		wantErr: "10001 participants named, over the limit of 2000",
	},
	{
		name: "malformed meta.json",
		file: "badmeta.txt",
		write: func(t *testing.T, path string) {
			t.Helper()
			copyTestdata("badmeta.txt")(t, path)
			copyTestdata("badmeta.meta.json")(t, strings.TrimSuffix(path, ".txt")+".meta.json")
		},
		wantErr: "badmeta.meta.json is not valid JSON",
	},
}

// TestBadInputs ingests good reports among bad files and checks that each
// bad file is named with its fault, that the good ones are written, and
// that the exit status reports the failures.
func TestBadInputs(t *testing.T) {
	dir := inputFolder(t, badInputs)
	stdout, stderr, err := runIngestCmd(t, "ingest", dir)

	if want := exitError(1); !errors.Is(err, want) {
		t.Errorf("ingest: got error %v, want %v", err, want)
	}
	read := len(goodReports)
	for _, in := range badInputs {
		if in.wantErr == "" {
			read++
		}
	}
	if want := fmt.Sprintf("(new %d,", read); !strings.Contains(stdout, want) {
		t.Errorf("summary: got %q, want it to contain %q", stdout, want)
	}
	for _, name := range goodReports {
		checkLine(t, stderr, filepath.Join(dir, name+".txt"), "created")
	}
	for _, in := range badInputs {
		t.Run(in.name, func(t *testing.T) {
			path := filepath.Join(dir, in.file)
			if in.wantErr == "" {
				checkLine(t, stderr, path, "created")
				return
			}
			checkLine(t, stderr, path, in.wantErr)
		})
	}
}

// TestBadInputsQuiet checks that --quiet, which silences progress, still
// names every file that failed.
func TestBadInputsQuiet(t *testing.T) {
	var bad []badInput
	for _, in := range badInputs {
		if in.wantErr != "" && in.name != "50 MB file" {
			bad = append(bad, in)
		}
	}
	dir := inputFolder(t, bad)
	_, stderr, err := runIngestCmd(t, "ingest", "--quiet", dir)
	if want := exitError(1); !errors.Is(err, want) {
		t.Errorf("ingest --quiet: got error %v, want %v", err, want)
	}
	for _, in := range bad {
		t.Run(in.name, func(t *testing.T) {
			checkLine(t, stderr, filepath.Join(dir, in.file), in.wantErr)
		})
	}
}

// TestGBKReportTranscoded checks that a GBK report is read, with a warning
// that it was converted.
func TestGBKReportTranscoded(t *testing.T) {
	var gbk badInput
	for _, in := range badInputs {
		if in.name == "GBK report" {
			gbk = in
		}
	}
	dir := inputFolder(t, []badInput{gbk})
	stdout, stderr, err := runIngestCmd(t, "extract", "--format", "json", filepath.Join(dir, gbk.file))
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	for _, want := range []string{`"transcoded"`, "GB18030", `"meetings"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("extract of a GBK report: output lacks %s", want)
		}
	}
}

// inputFolder writes the good reports and the given inputs into a new
// folder.
func inputFolder(t *testing.T, inputs []badInput) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range goodReports {
		writeFile(t, filepath.Join(dir, name+".txt"), corpusText(t, name))
		writeFile(t, filepath.Join(dir, name+".meta.json"), corpusMeta(t, name))
	}
	for _, in := range inputs {
		in.write(t, filepath.Join(dir, in.file))
	}
	return dir
}

// runIngestCmd runs the command in process with the in-memory store and
// fails the test if it runs longer than a report should take.
func runIngestCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	getenv := func(k string) string {
		if k == "NEO4J_URI" {
			return ""
		}
		return os.Getenv(k)
	}
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), args, getenv, &out, &errOut) }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not finish within a minute", strings.Join(args, " "))
	}
	return out.String(), errOut.String(), err
}

// checkLine requires a line of output that names path and, besides the
// path, says want.
func checkLine(t *testing.T, output, path, want string) {
	t.Helper()
	for line := range strings.Lines(output) {
		if before, after, ok := strings.Cut(line, path); ok && strings.Contains(before+after, want) {
			return
		}
	}
	var named []string
	for line := range strings.Lines(output) {
		if strings.Contains(line, path) {
			named = append(named, strings.TrimSpace(line))
		}
	}
	t.Errorf("no line names %s with %q; lines naming it: %q", filepath.Base(path), want, named)
}

// manyNamesReport is a report whose meeting lists n distinct officials.
func manyNamesReport(n int) []byte {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given := []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红文辉建国林飞鹏斌波宇浩凯健俊帆帅旭宁龙鑫博翔志成德海峰雪梅琳晨光荣昌盛新春秋冬松柏泉川山河江湖云雷雨风丹青蓝瑞祥福寿喜安乐康永长兴旺远航振宏伦")
	names := make([]string, n)
	for i := range names {
		s := surnames[i%len(surnames)]
		j := i / len(surnames)
		names[i] = string([]rune{s, given[j%len(given)], given[(j/len(given)+i)%len(given)]})
	}
	var b strings.Builder
	b.WriteString("敖汉旗民营企业座谈会召开\n\n5月12日上午，敖汉旗民营企业和商会座谈会召开。旗委书记白乌力吉出席会议并讲话，副旗长")
	b.WriteString(strings.Join(names, "，副旗长"))
	b.WriteString("出席会议。\n")
	return []byte(b.String())
}

func corpusText(t *testing.T, name string) []byte {
	t.Helper()
	return readFile(t, filepath.Join("corpus", "synthetic", name+".txt"))
}

func corpusMeta(t *testing.T, name string) []byte {
	t.Helper()
	return readFile(t, filepath.Join("corpus", "synthetic", name+".meta.json"))
}

func copyTestdata(name string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		t.Helper()
		writeFile(t, path, readFile(t, filepath.Join("testdata", "badinput", name)))
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestBatchBounds checks that -batch outside 1 to kg.MaxWriteBatch is
// refused with a message naming it, and that a valid one ingests.
func TestIngestBatchBounds(t *testing.T) {
	for _, n := range []string{"0", "-3", "257"} {
		_, _, err := runIngestCmd(t, "ingest", "-batch", n, "corpus/seed")
		if want := "-batch " + n + ": want 1 to 256"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ingest -batch %s: got error %v, want one containing %q", n, err, want)
		}
	}
	stdout, _, err := runIngestCmd(t, "ingest", "-batch", "1", "corpus")
	if err != nil || !strings.Contains(stdout, "failed 0)") {
		t.Errorf("ingest -batch 1 corpus: got %q, %v; want a summary with no failure", stdout, err)
	}
}
