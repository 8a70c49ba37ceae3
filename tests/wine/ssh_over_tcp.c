/* A stand-in for ssh.exe under wine, which cannot hand its pipes to a Linux ssh: joins its
   stdin and stdout to a TCP port on 127.0.0.1, where the test runs the box's end.
   Usage: ssh_over_tcp PORT HOST COMMAND; HOST and COMMAND, what mentordesk passes to ssh, are
   ignored (the test already knows them). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static SOCKET sock;

static DWORD WINAPI upstream(LPVOID unused) {
    char buf[16384];
    DWORD n;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    while (ReadFile(in, buf, sizeof buf, &n, NULL) && n > 0) {
        if (send(sock, buf, (int)n, 0) != (int)n) break;
    }
    shutdown(sock, SD_SEND);
    return 0;
}

int main(int argc, char **argv) {
    WSADATA wsa;
    struct sockaddr_in to = {0};
    char buf[16384];
    int n;
    DWORD written;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    if (argc < 2 || WSAStartup(MAKEWORD(2, 2), &wsa)) return 255;
    sock = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short)atoi(argv[1]));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(sock, (struct sockaddr *)&to, sizeof to)) {
        fprintf(stderr, "ssh: connect to host 127.0.0.1 port %s: Connection refused\n", argv[1]);
        return 255;
    }
    CreateThread(NULL, 0, upstream, NULL, 0, NULL);
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0) {
        if (!WriteFile(out, buf, (DWORD)n, &written, NULL)) break;
    }
    return 0;
}
