<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>app</name>
    <message>
        <source>TCP Lab</source>
        <translation>TCP Lab</translation>
    </message>
    <message>
        <source>Open the TCP Lab window.</source>
        <translation>打开 TCP Lab 窗口。</translation>
    </message>
    <message>
        <source>save a picture of the window to this file once it is shown, then quit (works without a screen: QT_QPA_PLATFORM=offscreen)</source>
        <translation>窗口显示后把它的截图保存到这个文件，然后退出（没有屏幕也能用：QT_QPA_PLATFORM=offscreen）</translation>
    </message>
    <message>
        <source>print the wall-clock time (time.time()) of the window&apos;s first paint, then quit: how `python -m bench startup` times a launch</source>
        <translation>打印窗口首次绘制时的挂钟时间（time.time()），然后退出：`python -m bench startup` 就是这样为启动计时的</translation>
    </message>
    <message>
        <source>Could not save the picture to {path}.</source>
        <translation>无法把截图保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>call_flow_diagram</name>
    <message>
        <source>three-way handshake: SYN, SYN+ACK, ACK</source>
        <translation>三次握手：SYN、SYN+ACK、ACK</translation>
    </message>
    <message>
        <source>request (data)</source>
        <translation>请求（数据）</translation>
    </message>
    <message>
        <source>reply (data)</source>
        <translation>应答（数据）</translation>
    </message>
    <message>
        <source>FIN, ACK  (each side)</source>
        <translation>FIN、ACK（双方各一次）</translation>
    </message>
    <message>
        <source>Call-flow diagram</source>
        <translation>调用流程图</translation>
    </message>
    <message>
        <source>Chosen: the server&apos;s {step}.</source>
        <translation>已选中：服务器的 {step}。</translation>
    </message>
    <message>
        <source>Chosen: the client&apos;s {step}.</source>
        <translation>已选中：客户端的 {step}。</translation>
    </message>
    <message>
        <source>{worker} at {step} (blocked: {waiting})</source>
        <translation>{worker} 在 {step}（阻塞：{waiting}）</translation>
    </message>
    <message>
        <source>{worker} at {step}</source>
        <translation>{worker} 在 {step}</translation>
    </message>
    <message>
        <source>No socket call is running.</source>
        <translation>当前没有正在执行的套接字调用。</translation>
    </message>
    <message>
        <source>{worker}: blocked: {waiting}</source>
        <translation>{worker}：阻塞：{waiting}</translation>
    </message>
    <message>
        <source>{worker}: in {step}</source>
        <translation>{worker}：在 {step} 中</translation>
    </message>
    <message>
        <source>Ctrl + mouse wheel zooms. With the keyboard: Tab to the diagram, the arrow keys choose a call, Enter explains it, Ctrl++ and Ctrl+- zoom.</source>
        <translation>Ctrl + 鼠标滚轮缩放。用键盘：按 Tab 到图上，方向键选择一个调用，Enter 显示它的说明，Ctrl++ 和 Ctrl+- 缩放。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>while the client sends</source>
        <translation>客户端仍在发送时</translation>
    </message>
    <message>
        <source>next client</source>
        <translation>下一个客户端</translation>
    </message>
    <message>
        <source>next message</source>
        <translation>下一条消息</translation>
    </message>
    <message>
        <source>+{count} more</source>
        <translation>还有 {count} 个</translation>
    </message>
    <message>
        <source>{count} blocked: {waiting}</source>
        <translation>{count} 个阻塞：{waiting}</translation>
    </message>
</context>
<context>
    <name>call_flow_pane</name>
    <message>
        <source>Each marker is a worker, on the call it is in now; a hollow one is blocked. Shape and colour are its connection&apos;s, on both sides. Click a call to read about it.</source>
        <translation>每个标记代表一个工作者，位于它当前所在的调用上；空心标记表示它被阻塞了。形状和颜色表示它所属的连接，两侧一致。点击某个调用可查看说明。</translation>
    </message>
    <message>
        <source>Server: {call}
{explanation}</source>
        <translation>服务器：{call}
{explanation}</translation>
    </message>
    <message>
        <source>Client: {call}
{explanation}</source>
        <translation>客户端：{call}
{explanation}</translation>
    </message>
</context>
<context>
    <name>call_flow_tracker</name>
    <message>
        <source>accept(): no client yet, it sleeps until one connects</source>
        <translation>accept()：还没有客户端，它会睡眠等待，直到有客户端连接</translation>
    </message>
    <message>
        <source>accept() is not called: clients wait in the listen queue</source>
        <translation>不调用 accept()：客户端在全连接队列中等待</translation>
    </message>
    <message>
        <source>select(): one thread waits for any socket: a new client or data from one it has</source>
        <translation>select()：一个线程同时等待所有套接字：新的客户端，或已连接客户端发来的数据</translation>
    </message>
    <message>
        <source>recv(): no data yet, it sleeps until the client sends</source>
        <translation>recv()：还没有数据，它会睡眠等待，直到客户端发送</translation>
    </message>
    <message>
        <source>send(): the client is not reading, the buffers are full</source>
        <translation>send()：客户端没有读取，缓冲区已满</translation>
    </message>
    <message>
        <source>connect(): the kernels do the three-way handshake</source>
        <translation>connect()：双方内核进行三次握手</translation>
    </message>
    <message>
        <source>send(): the server is not reading, the buffers are full</source>
        <translation>send()：服务器没有读取，缓冲区已满</translation>
    </message>
    <message>
        <source>recv(): waiting for the server&apos;s reply</source>
        <translation>recv()：等待服务器的应答</translation>
    </message>
</context>
<context>
    <name>call_steps</name>
    <message>
        <source>int socket(int domain, int type, int protocol);</source>
        <translation>int socket(int domain, int type, int protocol);</translation>
    </message>
    <message>
        <source>Makes a socket: AF_INET for IPv4 (AF_INET6 for IPv6), SOCK_STREAM for TCP. Returns a new descriptor, or -1 on failure.</source>
        <translation>创建一个套接字：AF_INET 表示 IPv4（AF_INET6 表示 IPv6），SOCK_STREAM 表示 TCP。返回一个新的描述符，失败时返回 -1。</translation>
    </message>
    <message>
        <source>int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);</source>
        <translation>int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);</translation>
    </message>
    <message>
        <source>Gives the socket its address: the IP and port clients will connect to. 0.0.0.0 (INADDR_ANY) means every address of this computer. Returns 0, or -1 (for example when the port is in use).</source>
        <translation>给套接字指定地址：即客户端将要连接的 IP 和端口。0.0.0.0（INADDR_ANY）表示本机的所有地址。成功返回 0，失败返回 -1（例如端口已被占用时）。</translation>
    </message>
    <message>
        <source>int listen(int sockfd, int backlog);</source>
        <translation>int listen(int sockfd, int backlog);</translation>
    </message>
    <message>
        <source>Turns the socket from active to passive: the kernel now completes handshakes by itself and keeps a queue of finished connections, `backlog` long. Returns 0, or -1.</source>
        <translation>把套接字由主动转换为被动：此后内核自行完成握手，并维护一个已完成连接的队列，长度为 `backlog`。成功返回 0，失败返回 -1。</translation>
    </message>
    <message>
        <source>int accept(int sockfd, struct sockaddr *addr, socklen_t *addrlen);</source>
        <translation>int accept(int sockfd, struct sockaddr *addr, socklen_t *addrlen);</translation>
    </message>
    <message>
        <source>Takes one finished connection out of the queue; if there is none, sleeps until one arrives (it blocks). Returns a NEW socket for that connection (the listening socket keeps listening), and fills addr with the client&apos;s address.</source>
        <translation>从队列中取出一个已完成的连接；如果没有，就睡眠等待，直到有连接到达（阻塞）。为该连接返回一个新的套接字（监听套接字继续监听），并把客户端的地址填入 addr。</translation>
    </message>
    <message>
        <source>ssize_t recv(int sockfd, void *buf, size_t len, int flags);</source>
        <translation>ssize_t recv(int sockfd, void *buf, size_t len, int flags);</translation>
    </message>
    <message>
        <source>Waits until data arrives (it blocks), then copies up to len bytes into buf. Returns how many bytes it read, 0 when the client closed its side (a FIN arrived), or -1 on error (a reset).</source>
        <translation>等待数据到达（阻塞），然后把最多 len 字节复制到 buf 中。返回读到的字节数；客户端关闭了它那一端时（收到 FIN）返回 0；出错时（连接被重置）返回 -1。</translation>
    </message>
    <message>
        <source>The server&apos;s own work on the bytes it read: echo them, turn them to upper case, relay them to the other clients, or wait for a person to reply.</source>
        <translation>服务器对读到的字节所做的处理：回显、转换成大写、转发给其他客户端，或者等待人来回复。</translation>
    </message>
    <message>
        <source>ssize_t send(int sockfd, const void *buf, size_t len, int flags);</source>
        <translation>ssize_t send(int sockfd, const void *buf, size_t len, int flags);</translation>
    </message>
    <message>
        <source>Copies the bytes into the kernel&apos;s send buffer; the kernel sends them. Blocks only when that buffer is full (the client is not reading). Returns how many bytes it took, or -1.</source>
        <translation>把字节复制到内核的发送缓冲区，由内核发送出去。只有在该缓冲区已满（客户端没有读取）时才会阻塞。返回复制进去的字节数，失败返回 -1。</translation>
    </message>
    <message>
        <source>int close(int fd);</source>
        <translation>int close(int fd);</translation>
    </message>
    <message>
        <source>Ends this side of the connection: the kernel sends FIN. Returns 0, or -1.</source>
        <translation>结束连接的这一端：内核发送 FIN。成功返回 0，失败返回 -1。</translation>
    </message>
    <message>
        <source>int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);</source>
        <translation>int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);</translation>
    </message>
    <message>
        <source>Connects to the server at addr: the kernels do the three-way handshake (SYN, SYN+ACK, ACK) while connect() waits. Returns 0, or -1 (refused, no answer). Unlike accept(), it makes no new socket.</source>
        <translation>连接到位于 addr 的服务器：connect() 等待期间，双方内核进行三次握手（SYN、SYN+ACK、ACK）。成功返回 0，失败返回 -1（被拒绝、无应答）。与 accept() 不同，它不会产生新的套接字。</translation>
    </message>
    <message>
        <source>Copies the bytes into the kernel&apos;s send buffer; the kernel sends them. Returns how many bytes it took, or -1. A TCP send of 0 bytes sends nothing.</source>
        <translation>把字节复制到内核的发送缓冲区，由内核发送出去。返回复制进去的字节数，失败返回 -1。TCP 发送 0 字节时什么也不会发出。</translation>
    </message>
    <message>
        <source>Like the server&apos;s: waits for data, returns how many bytes it read, 0 when the server closed its side, or -1 on error.</source>
        <translation>与服务器端的一样：等待数据，返回读到的字节数；服务器关闭了它那一端时返回 0；出错时返回 -1。</translation>
    </message>
    <message>
        <source>Ends the connection from this side: the kernel sends FIN. Returns 0, or -1.</source>
        <translation>从这一端结束连接：内核发送 FIN。成功返回 0，失败返回 -1。</translation>
    </message>
    <message>
        <source>process</source>
        <translation>处理数据</translation>
    </message>
</context>
<context>
    <name>child</name>
    <message>
        <source>child process {pid} serves connection {conn} (fork() in the notes)</source>
        <translation>子进程 {pid} 为连接 {conn} 服务（即笔记中的 fork()）</translation>
    </message>
    <message>
        <source>child process {pid} exits</source>
        <translation>子进程 {pid} 退出</translation>
    </message>
    <message>
        <source>the server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>More than {limit} bytes wait to be sent to connection {conn}: it reads too slowly, so the server disconnects it.</source>
        <translation>等待发送给连接 {conn} 的数据超过了 {limit} 字节：对方读得太慢，因此服务器断开这个连接。</translation>
    </message>
    <message>
        <source>it fell too far behind</source>
        <translation>它落后得太多了</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{event}  &quot;{data}&quot; (+{count} more bytes)</source>
        <translation>{event}  &quot;{data}&quot;（另有 {count} 字节未显示）</translation>
    </message>
    <message>
        <source>TCP Lab: see TCP client/server programming happen. With no command, the window opens (add --screenshot FILE.png to save a picture of it and quit).</source>
        <translation>TCP Lab：亲眼看看 TCP 客户端/服务器编程是怎样进行的。不带命令运行时会打开窗口（加上 --screenshot FILE.png 可把窗口保存为图片后退出）。</translation>
    </message>
    <message>
        <source>run a server without a window; one line per event</source>
        <translation>不开窗口运行服务器；每个事件输出一行</translation>
    </message>
    <message>
        <source>address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 lets other computers connect)</source>
        <translation>要监听的地址（默认 127.0.0.1，仅限本机；0.0.0.0 允许其他计算机连接）</translation>
    </message>
    <message>
        <source>port to listen on (default 9000; 0 picks a free one)</source>
        <translation>要监听的端口（默认 9000；0 表示自动选一个空闲端口）</translation>
    </message>
    <message>
        <source>how clients are served (default thread)</source>
        <translation>服务客户端的方式（默认 thread）</translation>
    </message>
    <message>
        <source>what the server does with data (default echo)</source>
        <translation>服务器如何处理收到的数据（默认 echo）</translation>
    </message>
    <message>
        <source>how messages are found in the stream: none (each recv() as it comes), lines (ended by \n), length (a 4-byte big-endian length first); replies go per whole message</source>
        <translation>如何在字节流中找出消息：none（每次 recv() 收到什么就处理什么）、lines（以 \n 结尾）、length（先发 4 字节大端序的长度）；按完整消息回复</translation>
    </message>
    <message>
        <source>listen() backlog</source>
        <translation>listen() 的监听队列长度 (backlog)</translation>
    </message>
    <message>
        <source>clients served at once; the next is told so and closed</source>
        <translation>同时服务的客户端数；再来的客户端会被告知服务器已满，然后被关闭</translation>
    </message>
    <message>
        <source>close a connection that sends and is sent nothing for this long (default {seconds}; 0: never)</source>
        <translation>连接空闲（既没发送也没收到任何数据）这么久就关闭它（默认 {seconds}；0 表示永不关闭）</translation>
    </message>
    <message>
        <source>print JSON lines</source>
        <translation>以 JSON 行格式输出（每行一个 JSON）</translation>
    </message>
    <message>
        <source>connect, send each line of standard input, print what comes back</source>
        <translation>连接后，把标准输入的每一行发送出去，并打印收到的内容</translation>
    </message>
    <message>
        <source>seconds to wait for connect()</source>
        <translation>等待 connect() 的秒数</translation>
    </message>
    <message>
        <source>also print every event to standard error</source>
        <translation>同时把每个事件打印到标准错误</translation>
    </message>
    <message>
        <source>Port {port} is not possible: choose 0 to 65535.</source>
        <translation>端口 {port} 无效：请在 0 到 65535 之间选择。</translation>
    </message>
</context>
<context>
    <name>client</name>
    <message>
        <source>no connection was made</source>
        <translation>未能建立连接</translation>
    </message>
    <message>
        <source>close(): the socket is closed (an RST was sent)</source>
        <translation>close()：套接字已关闭（发送了 RST）</translation>
    </message>
    <message>
        <source>close(): the socket is closed (you closed the connection)</source>
        <translation>close()：套接字已关闭（你关闭了连接）</translation>
    </message>
    <message>
        <source>close(): the socket is closed (the connection failed)</source>
        <translation>close()：套接字已关闭（连接失败）</translation>
    </message>
    <message>
        <source>close(): the socket is closed (the server closed the connection)</source>
        <translation>close()：套接字已关闭（服务器关闭了连接）</translation>
    </message>
    <message>
        <source>close(): the socket is closed (the connection ended)</source>
        <translation>close()：套接字已关闭（连接已结束）</translation>
    </message>
    <message>
        <source>Port {port} is not possible: choose 1 to 65535.</source>
        <translation>端口 {port} 无效：请在 1 到 65535 之间选择。</translation>
    </message>
    <message>
        <source>socket({family}, SOCK_STREAM) created</source>
        <translation>socket({family}, SOCK_STREAM)：已创建套接字</translation>
    </message>
    <message>
        <source>waiting in connect() to {where}: the kernel sends SYN and waits for SYN+ACK (the three-way handshake)</source>
        <translation>在 connect() 中等待连接 {where}：内核发出 SYN，并等待 SYN+ACK（三次握手）</translation>
    </message>
    <message>
        <source>connect() to {where} failed ({reason}); trying the next address of {host}</source>
        <translation>connect() 连接 {where} 失败（{reason}）；正在尝试 {host} 的下一个地址</translation>
    </message>
    <message>
        <source>connect() returned: connected to {where} from local port {port} (handshake done; connect() makes no new socket)</source>
        <translation>connect() 已返回：已从本地端口 {port} 连接到 {where}（握手完成；connect() 不会产生新的套接字）</translation>
    </message>
    <message>
        <source>getaddrinfo(): looking up the addresses of &quot;{host}&quot;</source>
        <translation>getaddrinfo()：正在查找“{host}”的地址</translation>
    </message>
    <message>
        <source>getaddrinfo() found {host} at {addresses}</source>
        <translation>getaddrinfo() 找到了 {host} 的地址：{addresses}</translation>
    </message>
    <message>
        <source>waiting in recv() for data from the server</source>
        <translation>在 recv() 中等待服务器的数据</translation>
    </message>
    <message>
        <source>recv() returned 0: the server closed the connection (a FIN arrived)</source>
        <translation>recv() 返回 0：服务器关闭了连接（收到了 FIN）</translation>
    </message>
    <message>
        <source>recv() returned {size} bytes</source>
        <translation>recv() 返回了 {size} 字节</translation>
    </message>
    <message>
        <source>send() wrote {size} bytes</source>
        <translation>send() 写入了 {size} 字节</translation>
    </message>
    <message>
        <source>waiting in send(): {size} bytes do not fit in the send buffer; the server is not reading as fast (TCP flow control)</source>
        <translation>在 send() 中等待：发送缓冲区放不下 {size} 字节；服务器读取得没有这么快（TCP 流量控制）</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): a FIN was sent; this side sends no more but still receives</source>
        <translation>shutdown(SHUT_WR)：已发送 FIN；本端不再发送，但仍然可以接收</translation>
    </message>
    <message>
        <source>abort: SO_LINGER is 0, so close() sends RST instead of FIN</source>
        <translation>中止：SO_LINGER 为 0，所以 close() 发送 RST 而不是 FIN</translation>
    </message>
</context>
<context>
    <name>client_controller</name>
    <message>
        <source>The connection ended because of an unexpected error in TCP Lab ({summary}). Please report it.</source>
        <translation>由于 TCP Lab 内部发生意外错误（{summary}），连接已结束。请报告此问题。</translation>
    </message>
</context>
<context>
    <name>client_window</name>
    <message>
        <source>Not connected. Enter the server&apos;s address and click Connect.</source>
        <translation>未连接。请输入服务器地址，然后点击“连接”。</translation>
    </message>
    <message>
        <source>Connecting: connect() waits while the kernels do the three-way handshake (SYN, SYN+ACK, ACK).</source>
        <translation>正在连接：connect() 等待双方内核完成三次握手（SYN、SYN+ACK、ACK）。</translation>
    </message>
    <message>
        <source>Connected. Type a message and press Enter to send it.</source>
        <translation>已连接。输入消息，按 Enter 发送。</translation>
    </message>
    <message>
        <source>Half-closed: this side sent its FIN and sends no more, but replies still arrive.</source>
        <translation>半关闭：本端已发送 FIN，不再发送数据，但仍能收到回复。</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <source>Client {number}</source>
        <translation>客户端 {number}</translation>
    </message>
    <message>
        <source>Server host</source>
        <translation>服务器主机</translation>
    </message>
    <message>
        <source>The server&apos;s address or name, e.g. 127.0.0.1 or localhost</source>
        <translation>服务器的地址或名称，例如 127.0.0.1 或 localhost</translation>
    </message>
    <message>
        <source>The port the server listens on</source>
        <translation>服务器监听的端口</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>服务器端口</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source> s</source>
        <comment>seconds</comment>
        <translation> s</translation>
    </message>
    <message>
        <source>How long connect() may wait for the handshake</source>
        <translation>connect() 等待握手完成的最长时间</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation>半关闭(&amp;H)</translation>
    </message>
    <message>
        <source>A&amp;bort</source>
        <translation>中止(&amp;B)</translation>
    </message>
    <message>
        <source>socket() and connect() to the server (Ctrl+Return)</source>
        <translation>调用 socket() 和 connect() 连接服务器（Ctrl+Return）</translation>
    </message>
    <message>
        <source>close(): end the connection normally (FIN)</source>
        <translation>close()：正常结束连接（FIN）</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): stop sending (FIN) but keep receiving replies</source>
        <translation>shutdown(SHUT_WR)：停止发送（FIN），但继续接收回复</translation>
    </message>
    <message>
        <source>close with SO_LINGER 0: the server sees a reset (RST)</source>
        <translation>以 SO_LINGER 0 关闭：服务器会收到重置（RST）</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <source>This side is half-closed: it can only receive now.</source>
        <translation>本端已半关闭：现在只能接收。</translation>
    </message>
    <message>
        <source>The server is not reading: {size} bytes already wait to be sent. Nothing more is taken until it reads.</source>
        <translation>服务器没有在读取：已有 {size} 字节在等待发送。在服务器读取之前，不会再接收更多数据。</translation>
    </message>
    <message>
        <source>Not connected: click Connect before sending.</source>
        <translation>未连接：请先点击“连接”，再发送。</translation>
    </message>
    <message>
        <source>Not connected: the connection could not be made (the reason is below). Check the address, then Connect again.</source>
        <translation>未连接：无法建立连接（原因见下方）。请检查地址，然后再次点击“连接”。</translation>
    </message>
    <message>
        <source>Connected from local port {port}. Type a message and press Enter to send it.</source>
        <translation>已从本地端口 {port} 连接。输入消息，按 Enter 发送。</translation>
    </message>
    <message>
        <source>{client} · local port {port} — TCP Lab</source>
        <translation>{client} · 本地端口 {port} — TCP Lab</translation>
    </message>
    <message>
        <source>{client} — TCP Lab</source>
        <translation>{client} — TCP Lab</translation>
    </message>
</context>
<context>
    <name>connection_table</name>
    <message>
        <source>idle for {idle} seconds</source>
        <translation>空闲了 {idle} 秒</translation>
    </message>
    <message>
        <source>More than {limit} bytes wait to be sent to connection {conn_id}: it reads too slowly, so the server disconnects it.</source>
        <translation>等待发送给连接 {conn_id} 的数据超过了 {limit} 字节：对方读得太慢，因此服务器断开这个连接。</translation>
    </message>
    <message>
        <source>it fell too far behind</source>
        <translation>它落后得太多了</translation>
    </message>
</context>
<context>
    <name>connections_model</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Peer address</source>
        <translation>对端地址</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>连接开始时间</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>worker starting</source>
        <translation>工作者启动中</translation>
    </message>
    <message>
        <source>waiting in recv()</source>
        <translation>在 recv() 中等待</translation>
    </message>
    <message>
        <source>got data</source>
        <translation>收到数据</translation>
    </message>
    <message>
        <source>waiting in send(): the client is not reading</source>
        <translation>在 send() 中等待：客户端没有读取</translation>
    </message>
    <message>
        <source>sent data</source>
        <translation>已发送数据</translation>
    </message>
    <message>
        <source>client closed (FIN received)</source>
        <translation>客户端已关闭（收到 FIN）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>refused: server full</source>
        <translation>已拒绝：服务器已满</translation>
    </message>
    <message>
        <source>watched by select()</source>
        <translation>由 select() 监视中</translation>
    </message>
    <message>
        <source>closed: {state}</source>
        <translation>已关闭：{state}</translation>
    </message>
    <message>
        <source>reset by the client (RST)</source>
        <translation>被客户端重置（RST）</translation>
    </message>
    <message>
        <source>client gone (send failed)</source>
        <translation>客户端已断开（发送失败）</translation>
    </message>
    <message>
        <source>error (see the log)</source>
        <translation>出错（见日志）</translation>
    </message>
</context>
<context>
    <name>conversation</name>
    <message>
        <source>{peer} (not in the app)</source>
        <translation>{peer}（不在本应用中）</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>server of {client} (not in the app)</source>
        <translation>{client} 的服务器（不在本应用中）</translation>
    </message>
    <message>
        <source>SYN  (kernel, before accept() returned)</source>
        <translation>SYN  （内核，在 accept() 返回之前）</translation>
    </message>
    <message>
        <source>SYN+ACK  (kernel, before accept() returned)</source>
        <translation>SYN+ACK  （内核，在 accept() 返回之前）</translation>
    </message>
    <message>
        <source>ACK  (kernel, before accept() returned)</source>
        <translation>ACK  （内核，在 accept() 返回之前）</translation>
    </message>
    <message>
        <source>SYN  (kernel, while connect() waited)</source>
        <translation>SYN  （内核，在 connect() 等待期间）</translation>
    </message>
    <message>
        <source>SYN+ACK  (kernel, while connect() waited)</source>
        <translation>SYN+ACK  （内核，在 connect() 等待期间）</translation>
    </message>
    <message>
        <source>ACK  (kernel, while connect() waited)</source>
        <translation>ACK  （内核，在 connect() 等待期间）</translation>
    </message>
    <message>
        <source>RST  (close() with SO_LINGER 0)</source>
        <translation>RST  （SO_LINGER 为 0 时的 close()）</translation>
    </message>
    <message>
        <source>RST  (from the server&apos;s side: the connection was reset)</source>
        <translation>RST  （来自服务器一方：连接被重置）</translation>
    </message>
    <message>
        <source>RST  (the server&apos;s kernel: no accept() took this connection)</source>
        <translation>RST  （服务器的内核：没有 accept() 取走这个连接）</translation>
    </message>
    <message>
        <source>RST  (kernel: nothing listens on that port, so connect() is refused)</source>
        <translation>RST  （内核：该端口上没有程序监听，所以 connect() 被拒绝）</translation>
    </message>
    <message>
        <source>FIN  (kernel, at shutdown(SHUT_WR))</source>
        <translation>FIN  （内核，在 shutdown(SHUT_WR) 时）</translation>
    </message>
    <message>
        <source>FIN  (kernel, at close())</source>
        <translation>FIN  （内核，在 close() 时）</translation>
    </message>
    <message>
        <source>ACK  (kernel)</source>
        <translation>ACK  （内核）</translation>
    </message>
    <message>
        <source>FIN  (kernel)</source>
        <translation>FIN  （内核）</translation>
    </message>
    <message>
        <source>RST  (the connection was reset)</source>
        <translation>RST  （连接被重置）</translation>
    </message>
    <message>
        <source>all other clients (Clear to follow new ones)</source>
        <translation>其余所有客户端（点击“清空”跟踪新的连接）</translation>
    </message>
    <message>
        <source>all other server workers (Clear to follow new ones)</source>
        <translation>其余所有服务器工作者（点击“清空”跟踪新的连接）</translation>
    </message>
    <message>
        <source>The chart has room for {count} lanes: the connections after them share this one. Clear the chart, and the next connections get lanes of their own.</source>
        <translation>图中最多容纳 {count} 条泳道：之后的连接共用这一条。清空图表后，接下来的连接会有各自的泳道。</translation>
    </message>
    <message>
        <source>{size} B ×{count}</source>
        <translation>{size} B ×{count}</translation>
    </message>
    <message>
        <source>{size} B</source>
        <translation>{size} B</translation>
    </message>
</context>
<context>
    <name>conversation_chart</name>
    <message>
        <source>Conversation chart</source>
        <translation>消息时序图</translation>
    </message>
    <message>
        <source>{label}  {preview}  (not read yet)</source>
        <translation>{label}  {preview}  （尚未读取）</translation>
    </message>
    <message>
        <source>{label}
Inferred: the kernels do this; no socket call reports it, so TCP Lab draws it from the calls around it.</source>
        <translation>{label}
推断：这是内核完成的动作；没有任何套接字调用会报告它，所以 TCP Lab 根据它前后的调用把它画出来。</translation>
    </message>
    <message>
        <source>{label}
A reset ends the connection at once, both ways: data still in flight is lost, and the other side&apos;s next call fails with &quot;connection reset&quot;.</source>
        <translation>{label}
重置会立刻结束连接，两个方向都结束：仍在途中的数据会丢失，另一方的下一次调用会以“connection reset”（连接被重置）失败。</translation>
    </message>
    <message>
        <source>{label}: sent, waiting in the kernel&apos;s buffers until a recv() reads it</source>
        <translation>{label}：已发送，正在内核的缓冲区中等待，直到某个 recv() 把它读走</translation>
    </message>
    <message>
        <source>{label}: click to see its bytes</source>
        <translation>{label}：点击查看其字节内容</translation>
    </message>
    <message>
        <source>Cleared. The connections open at the Clear go on unseen; the next connection is drawn here.</source>
        <translation>已清空。清空时仍打开的连接会继续进行，但不再画出；下一个连接会画在这里。</translation>
    </message>
</context>
<context>
    <name>conversation_pane</name>
    <message>
        <source>Larger (Ctrl + mouse wheel too)</source>
        <translation>放大（也可以用 Ctrl + 鼠标滚轮）</translation>
    </message>
    <message>
        <source>Show more of the conversation, smaller</source>
        <translation>缩小显示，看到更多通信过程</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Blue: client to server. Green: server to client. Dashed grey: the kernels&apos; handshake and teardown, inferred (no socket call reports them). Red: a reset (RST), from the side that sent it. An open dashed arrow was sent but not read yet. Click an arrow to see its bytes.</source>
        <translation>蓝色：客户端发往服务器。绿色：服务器发往客户端。灰色虚线：内核完成的三次握手和四次挥手，是推断出来的（没有任何套接字调用会报告它们）。红色：重置（RST），从发送它的一方画出。空心虚线箭头表示已发送但尚未读取。点击箭头可查看其字节内容。</translation>
    </message>
    <message>
        <source>Zoom o&amp;ut</source>
        <translation>缩小(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <source>Start the chart afresh</source>
        <translation>重新开始绘制时序图</translation>
    </message>
    <message>
        <source>The arrow&apos;s bytes</source>
        <translation>箭头的字节</translation>
    </message>
    <message>
        <source>The bytes of the arrow you clicked, as text and as hex</source>
        <translation>所点击箭头的字节，以文本和十六进制显示</translation>
    </message>
    <message>
        <source>Click an arrow to see its bytes here.</source>
        <translation>点击箭头，在这里查看其字节内容。</translation>
    </message>
    <message>
        <source>{sender} → (not read yet)</source>
        <translation>{sender} → （尚未读取）</translation>
    </message>
    <message>
        <source>{label}, {route}
text: {text}
hex:  {hex}</source>
        <translation>{label}，{route}
文本：{text}
十六进制：{hex}</translation>
    </message>
    <message>
        <source>{label}, {route}
(the first {kept} of {size} bytes are kept)
text: {text}
hex:  {hex}</source>
        <translation>{label}，{route}
（只保留了 {size} 字节中的前 {kept} 字节）
文本：{text}
十六进制：{hex}</translation>
    </message>
</context>
<context>
    <name>demo_pane</name>
    <message>
        <source>Slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>Choose a lesson, then click Run demo</source>
        <translation>选择一节课，然后点击“运行演示”</translation>
    </message>
    <message>
        <source>Guided demos</source>
        <translation>引导式演示</translation>
    </message>
    <message>
        <source>Run the chosen demo with real sockets, step by step</source>
        <translation>用真实的套接字一步一步运行所选的演示</translation>
    </message>
    <message>
        <source>&amp;Run demo</source>
        <translation>运行演示(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;End demo</source>
        <translation>结束演示(&amp;E)</translation>
    </message>
    <message>
        <source>Stop, close the demo&apos;s client windows and its server</source>
        <translation>停止，并关闭演示的客户端窗口及其服务器</translation>
    </message>
    <message>
        <source>How long each step stays on the screen</source>
        <translation>每个步骤在屏幕上停留多久</translation>
    </message>
    <message>
        <source>Time to read each step</source>
        <translation>每个步骤的阅读时间</translation>
    </message>
    <message>
        <source>What each step did, and why</source>
        <translation>每一步做了什么，以及为什么</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Choose a demo and click Run demo.</source>
        <translation>选择一个演示，然后点击“运行演示”。</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Ended: the demo&apos;s clients and server are closed.</source>
        <translation>已结束：演示的客户端和服务器都已关闭。</translation>
    </message>
    <message>
        <source>Step {number} of {total}</source>
        <translation>第 {number} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Done. Look around, then click End demo to clean up.</source>
        <translation>完成。可以四处看看，然后点击“结束演示”进行清理。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>demos.catalog</name>
    <message>
        <source>hello from {first}</source>
        <translation>来自{first} 的问候</translation>
    </message>
    <message>
        <source>hello from {second}</source>
        <translation>来自{second} 的问候</translation>
    </message>
    <message>
        <source>The listen queue holds {waiting} (room for {limit}).</source>
        <translation>全连接队列中现有 {waiting} 个（上限 {limit} 个）。</translation>
    </message>
    <message>
        <source>An iterative server: one loop that accepts a client, serves it until it leaves, and only then accepts the next.</source>
        <translation>迭代服务器：用一个循环接受一个客户端，一直为它服务到它离开，然后才接受下一个。</translation>
    </message>
    <message>
        <source>the server to listen</source>
        <translation>服务器开始监听</translation>
    </message>
    <message>
        <source>It listens on port {port}; its one loop waits in accept().</source>
        <translation>它在端口 {port} 上监听；它唯一的循环在 accept() 中等待。</translation>
    </message>
    <message>
        <source>{first} connects and says hello.</source>
        <translation>{first} 连接并打招呼。</translation>
    </message>
    <message>
        <source>{first} to connect</source>
        <translation>{first} 连接</translation>
    </message>
    <message>
        <source>the echo to reach {first}</source>
        <translation>回显到达{first}</translation>
    </message>
    <message>
        <source>The server answered at once: its loop now waits in recv() for {first}&apos;s next message.</source>
        <translation>服务器立即作了回答：它的循环现在在 recv() 中等待{first} 的下一条消息。</translation>
    </message>
    <message>
        <source>{second} connects.</source>
        <translation>{second} 连接。</translation>
    </message>
    <message>
        <source>{second}&apos;s connection to wait in the listen queue</source>
        <translation>{second} 的连接在全连接队列中等待</translation>
    </message>
    <message>
        <source>connect() returned for {second}: the kernels finished the handshake (the kernel&apos;s view: {state}). But the server&apos;s only loop is busy with {first}, so no accept() took it.</source>
        <translation>{second} 的 connect() 已返回：内核完成了握手（内核视图：{state}）。但服务器唯一的循环正忙于{first}，所以没有 accept() 把它取走。</translation>
    </message>
    <message>
        <source>{second} sends a message.</source>
        <translation>{second} 发送一条消息。</translation>
    </message>
    <message>
        <source>{second}&apos;s bytes to reach the server&apos;s kernel</source>
        <translation>{second} 的字节到达服务器的内核</translation>
    </message>
    <message>
        <source>The {size} bytes reached the server&apos;s kernel and wait unread in its receive buffer; no program reads them, so no answer comes.</source>
        <translation>这 {size} 字节已到达服务器的内核，在其接收缓冲区中等待，未被读取；没有程序读取它们，所以不会有回答。</translation>
    </message>
    <message>
        <source>{first} leaves.</source>
        <translation>{first} 离开。</translation>
    </message>
    <message>
        <source>{second}&apos;s answer</source>
        <translation>{second} 收到回答</translation>
    </message>
    <message>
        <source>The loop went back to accept(), took {second} from the queue, and read what had waited: {second} gets its answer only now. One client at a time.</source>
        <translation>循环回到了 accept()，从队列中取出{second}，并读取了一直在等待的数据：{second} 直到现在才收到回答。一次只服务一个客户端。</translation>
    </message>
    <message>
        <source>hi from {name}</source>
        <translation>来自 {name} 的问候</translation>
    </message>
    <message>
        <source>A server that gives each accepted client a thread of its own.</source>
        <translation>一个为每个已接受的客户端分配独立线程的服务器。</translation>
    </message>
    <message>
        <source>Both are answered, at the same time: the accept loop went straight back to accept() after handing each client to its thread.</source>
        <translation>两个客户端同时得到了回答：接受循环把每个客户端交给它的线程后，立刻回到了 accept()。</translation>
    </message>
    <message>
        <source>A server that gives each accepted client a child process of its own.</source>
        <translation>一个为每个已接受的客户端分配独立子进程的服务器。</translation>
    </message>
    <message>
        <source>Both are answered, at the same time: the accept loop went straight back to accept() after handing each client to its child process.</source>
        <translation>两个客户端同时得到了回答：接受循环把每个客户端交给它的子进程后，立刻回到了 accept()。</translation>
    </message>
    <message>
        <source>Two clients connect.</source>
        <translation>两个客户端连接。</translation>
    </message>
    <message>
        <source>both clients to be accepted and served</source>
        <translation>两个客户端都被接受并得到服务</translation>
    </message>
    <message>
        <source>Both send at once.</source>
        <translation>两个客户端同时发送。</translation>
    </message>
    <message>
        <source>both answers</source>
        <translation>两个客户端都收到回答</translation>
    </message>
    <message>
        <source>Each has its own thread: {workers}.</source>
        <translation>每个客户端都有自己的线程：{workers}。</translation>
    </message>
    <message>
        <source>The system counts {count} threads in TCP Lab&apos;s process now (/proc/self/task): {serving} named conn-N, one for each client, and the app&apos;s own (its window, the accept loop, its helpers).</source>
        <translation>系统现在统计到 TCP Lab 进程中有 {count} 个线程（/proc/self/task）：其中 {serving} 个名为 conn-N，每个客户端一个，其余是程序自己的（窗口、accept 循环及其辅助线程）。</translation>
    </message>
    <message>
        <source>pid {pid} ({name}, whose parent is pid {parent})</source>
        <translation>pid {pid}（{name}，其父进程为 pid {parent}）</translation>
    </message>
    <message>
        <source>pid {pid}</source>
        <translation>pid {pid}</translation>
    </message>
    <message>
        <source>Each has its own child process, as the system&apos;s process list shows them: {processes}. TCP Lab is pid {pid}.</source>
        <translation>每个客户端都有自己的子进程，系统的进程列表中也能看到它们：{processes}。TCP Lab 的 pid 是 {pid}。</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>a while</source>
        <translation>一段时间</translation>
    </message>
    <message>
        <source>Who keeps TIME_WAIT: the side that closes first.</source>
        <translation>谁会停留在 TIME_WAIT：先关闭的一方。</translation>
    </message>
    <message>
        <source>{first} connects, then closes first.</source>
        <translation>{first} 连接，然后先关闭。</translation>
    </message>
    <message>
        <source>{first}&apos;s side to reach TIME_WAIT</source>
        <translation>{first} 这一端进入 TIME_WAIT</translation>
    </message>
    <message>
        <source>{first}&apos;s side is in TIME_WAIT ({left} left); the server&apos;s side is gone. The kernel keeps it so that a late segment cannot land in a new connection, and to resend the last ACK if it was lost.</source>
        <translation>{first} 这一端处于 TIME_WAIT（还剩 {left}）；服务器那一端已经消失。内核保留它，是为了防止迟到的报文段落入新的连接，并在最后一个 ACK 丢失时重发它。</translation>
    </message>
    <message>
        <source>{second} connects; this time the server closes first.</source>
        <translation>{second} 连接；这一次由服务器先关闭。</translation>
    </message>
    <message>
        <source>{second} to connect</source>
        <translation>{second} 连接</translation>
    </message>
    <message>
        <source>the server&apos;s side to reach TIME_WAIT</source>
        <translation>服务器这一端进入 TIME_WAIT</translation>
    </message>
    <message>
        <source>Now the server&apos;s side keeps TIME_WAIT, on the server&apos;s own port.</source>
        <translation>现在是服务器这一端停留在 TIME_WAIT，占用的是服务器自己的端口。</translation>
    </message>
    <message>
        <source>The server stops and starts again on the same port at once.</source>
        <translation>服务器停止，并立即在同一端口上重新启动。</translation>
    </message>
    <message>
        <source>the server to listen on the same port again</source>
        <translation>服务器重新在同一端口上监听</translation>
    </message>
    <message>
        <source>It listens on port {port} again, though a connection on that port is still in TIME_WAIT: TCP Lab sets SO_REUSEADDR before bind(), as servers do.</source>
        <translation>它又在端口 {port} 上监听了，尽管该端口上还有一个连接处于 TIME_WAIT：TCP Lab 像一般服务器那样，在 bind() 之前设置了 SO_REUSEADDR。</translation>
    </message>
    <message>
        <source>still here</source>
        <translation>我还在</translation>
    </message>
    <message>
        <source>Half-close and reset. The server replies by hand here, so it does not close when a client does.</source>
        <translation>半关闭和重置。这里服务器手动回复，所以客户端关闭时它不会跟着关闭。</translation>
    </message>
    <message>
        <source>{first} connects, then half-closes: shutdown(SHUT_WR) sends FIN but keeps receiving.</source>
        <translation>{first} 连接，然后半关闭：shutdown(SHUT_WR) 发送 FIN，但仍继续接收。</translation>
    </message>
    <message>
        <source>the server to see {first}&apos;s FIN</source>
        <translation>服务器看到{first} 的 FIN</translation>
    </message>
    <message>
        <source>The server&apos;s recv() returned 0: {first} will send nothing more. Its side of the connection is in CLOSE_WAIT until it closes too.</source>
        <translation>服务器的 recv() 返回了 0：{first} 不会再发送任何数据。服务器这一端的连接处于 CLOSE_WAIT，直到它也关闭。</translation>
    </message>
    <message>
        <source>The server still replies.</source>
        <translation>服务器仍然回复。</translation>
    </message>
    <message>
        <source>the reply to reach {first}</source>
        <translation>回复到达{first}</translation>
    </message>
    <message>
        <source>The reply arrived: a half-closed client still receives.</source>
        <translation>回复到达了：半关闭的客户端仍然可以接收。</translation>
    </message>
    <message>
        <source>{second} connects and aborts: close() with SO_LINGER 0 sends RST, not FIN.</source>
        <translation>{second} 连接后中止：SO_LINGER 为 0 时的 close() 发送的是 RST，而不是 FIN。</translation>
    </message>
    <message>
        <source>the server to see the reset</source>
        <translation>服务器看到重置</translation>
    </message>
    <message>
        <source>The server&apos;s recv() failed: “{error}”</source>
        <translation>服务器的 recv() 失败了：“{error}”</translation>
    </message>
    <message>
        <source>one</source>
        <translation>一</translation>
    </message>
    <message>
        <source>two</source>
        <translation>二</translation>
    </message>
    <message>
        <source>three</source>
        <translation>三</translation>
    </message>
    <message>
        <source>a longer message</source>
        <translation>一条较长的消息</translation>
    </message>
    <message>
        <source>whole again</source>
        <translation>又完整了</translation>
    </message>
    <message>
        <source>Its first recv() returned {size} bytes: “{data}”: three send()s, {calls} recv(). Nothing in TCP marks where one message ended.</source>
        <translation>它的第一次 recv() 返回了 {size} 字节：“{data}”：三次 send()，{calls} 次 recv()。TCP 中没有任何东西标记一条消息在哪里结束。</translation>
    </message>
    <message>
        <source>TCP is a stream of bytes, not of messages. An iterative echo server, kept busy by {first} so that it reads nothing from {second} for a while.</source>
        <translation>TCP 是字节流，而不是消息流。这是一个迭代回显服务器，被{first} 占着，所以它在一段时间内不会从{second} 读取任何数据。</translation>
    </message>
    <message>
        <source>{second} connects and sends three messages, each with its own send(): {messages}.</source>
        <translation>{second} 连接，并发送三条消息，每条都用单独的 send()：{messages}。</translation>
    </message>
    <message>
        <source>the three messages to reach the server&apos;s kernel</source>
        <translation>三条消息到达服务器的内核</translation>
    </message>
    <message>
        <source>{calls} send() calls; the server&apos;s kernel holds their {size} bytes in one receive buffer.</source>
        <translation>{calls} 次 send() 调用；服务器的内核把它们的 {size} 字节放在同一个接收缓冲区中。</translation>
    </message>
    <message>
        <source>{first} leaves: the server accepts {second} and calls recv().</source>
        <translation>{first} 离开：服务器接受{second} 并调用 recv()。</translation>
    </message>
    <message>
        <source>the server to read {second}&apos;s bytes</source>
        <translation>服务器读取{second} 的字节</translation>
    </message>
    <message>
        <source>Now a server whose recv() asks for {size} bytes at a time, and one send() of a longer message.</source>
        <translation>现在换一个每次 recv() 只请求 {size} 字节的服务器，并用一次 send() 发送一条较长的消息。</translation>
    </message>
    <message>
        <source>{third} to connect</source>
        <translation>{third} 连接</translation>
    </message>
    <message>
        <source>the server to read the whole message</source>
        <translation>服务器读完整条消息</translation>
    </message>
    <message>
        <source>One send() of {size} bytes, {calls} recv()s of at most {most} bytes each: a message can arrive in pieces too.</source>
        <translation>一次 send() 发送了 {size} 字节，{calls} 次 recv() 每次最多读取 {most} 字节：一条消息也可能分成几段到达。</translation>
    </message>
    <message>
        <source>The same server again, now with a framing: one message per line (Behaviour › Messages in the server&apos;s settings, there for any server you start).</source>
        <translation>还是同一个服务器，现在加上了分帧：每行一条消息（在服务器设置的“行为 › 消息”中，你启动的任何服务器都可以使用）。</translation>
    </message>
    <message>
        <source>{fourth} to connect</source>
        <translation>{fourth} 连接</translation>
    </message>
    <message>
        <source>the server to find the whole message</source>
        <translation>服务器找到整条消息</translation>
    </message>
    <message>
        <source>recv() still returned at most {most} bytes at a time ({calls} calls), but the server put them together up to the \n and handled one whole message: “{message}”.</source>
        <translation>recv() 仍然每次最多返回 {most} 字节（{calls} 次调用），但服务器把它们拼接到 \n 为止，处理了一条完整的消息：“{message}”。</translation>
    </message>
    <message>
        <source>The kernel&apos;s view: {queued} of the {clients} clients finished the handshake on both sides and wait in the server&apos;s listen queue (ESTABLISHED, not accepted: {in_queue} in the queue, whose backlog is {limit}; Linux keeps one more than the backlog).</source>
        <translation>内核视图：{clients} 个客户端中有 {queued} 个在两端都完成了握手，在服务器的监听队列中等待（ESTABLISHED，但未被接受：队列中有 {in_queue} 个，其 backlog 为 {limit}；Linux 会比 backlog 多保留一个）。</translation>
    </message>
    <message>
        <source>This time it holds {extra} more than that: their last ACKs arrived at the same moment on two CPUs, and each found the queue not yet full.</source>
        <translation>这一次队列还多了 {extra} 个：它们最后的 ACK 在两个 CPU 上同时到达，各自都看到队列还没满。</translation>
    </message>
    <message>
        <source>{half_open} of the {clients} clients also got the server&apos;s SYN+ACK, so their connect() returned and their windows say &quot;Connected&quot;; but the queue was full when their last ACK arrived, and the server&apos;s kernel dropped it: the client believes it is connected while the server has nothing to accept.</source>
        <translation>{clients} 个客户端中另有 {half_open} 个也收到了服务器的 SYN+ACK，所以它们的 connect() 已经返回，窗口显示“已连接”；但它们最后的 ACK 到达时队列已满，服务器的内核把它丢弃了：客户端以为自己已经连上，而服务器没有可以 accept() 的连接。</translation>
    </message>
    <message>
        <source>On the server&apos;s side that handshake is still SYN_RECV: the server&apos;s kernel sends SYN+ACK again later, and takes the connection into the queue only when there is room.</source>
        <translation>在服务器一侧，这次握手仍处于 SYN_RECV：服务器的内核稍后会再次发送 SYN+ACK，只有队列有空位时才把这个连接放进队列。</translation>
    </message>
    <message>
        <source>The server&apos;s kernel keeps nothing of it: it answered with a SYN cookie, which holds no state. The connection gets into the queue only when the client&apos;s next segment (its data) arrives while there is room.</source>
        <translation>服务器的内核没有为它保留任何东西：它用 SYN cookie 作了应答，而 SYN cookie 不保存任何状态。只有当客户端的下一个报文段（它的数据）在队列有空位时到达，这个连接才会进入队列。</translation>
    </message>
    <message>
        <source>Still in SYN_SENT: {waiting} of the {clients} clients. While the queue is full the server&apos;s kernel drops their SYN, and their connect() keeps waiting, sending SYN again after 1 s, 3 s, 7 s, ... Their windows still say &quot;Connecting&quot;.</source>
        <translation>仍处于 SYN_SENT：{clients} 个客户端中的 {waiting} 个。队列已满时，服务器的内核会丢弃它们的 SYN，它们的 connect() 则一直等待，并在 1 s、3 s、7 s……之后再次发送 SYN。它们的窗口仍显示“正在连接”。</translation>
    </message>
    <message>
        <source>A server with a backlog of {backlog} that never calls accept().</source>
        <translation>一个监听队列长度 (backlog) 为 {backlog}、从不调用 accept() 的服务器。</translation>
    </message>
    <message>
        <source>{clients} clients connect.</source>
        <translation>{clients} 个客户端连接。</translation>
    </message>
    <message>
        <source>the listen queue to fill up</source>
        <translation>全连接队列被填满</translation>
    </message>
    <message>
        <source>One at a time</source>
        <translation>一次一个</translation>
    </message>
    <message>
        <source>An iterative server and two clients: the second one&apos;s handshake completes, but it waits, unanswered, until the first leaves.</source>
        <translation>一个迭代服务器和两个客户端：第二个客户端的握手完成了，但它一直等待、得不到回答，直到第一个离开。</translation>
    </message>
    <message>
        <source>A thread per client</source>
        <translation>每个客户端一个线程</translation>
    </message>
    <message>
        <source>The same two clients served at once, each by a thread of its own.</source>
        <translation>同样的两个客户端同时得到服务，每个都由自己的线程服务。</translation>
    </message>
    <message>
        <source>A process per client</source>
        <translation>每个客户端一个进程</translation>
    </message>
    <message>
        <source>The same two clients served at once, each by a child process the system lists.</source>
        <translation>同样的两个客户端同时得到服务，每个都由一个子进程服务，系统的进程列表中能看到这些子进程。</translation>
    </message>
    <message>
        <source>TCP is a stream, not messages</source>
        <translation>TCP 是字节流，不是消息</translation>
    </message>
    <message>
        <source>Three quick sends arrive in one recv(); a tiny recv() splits one message; a framing (one message per line) gives whole messages again.</source>
        <translation>快速的三次发送在一次 recv() 中到达；很小的 recv() 会把一条消息拆开；分帧（每行一条消息）又能得到完整的消息。</translation>
    </message>
    <message>
        <source>Who waits in TIME_WAIT</source>
        <translation>谁在 TIME_WAIT 中等待</translation>
    </message>
    <message>
        <source>Close from the client, then from the server, and see which side keeps TIME_WAIT; then restart the server on the same port.</source>
        <translation>先从客户端关闭，再从服务器关闭，看看哪一端停留在 TIME_WAIT；然后在同一端口上重启服务器。</translation>
    </message>
    <message>
        <source>A full backlog</source>
        <translation>监听队列已满 (backlog)</translation>
    </message>
    <message>
        <source>A server that never accepts, a backlog of {backlog}, and {clients} clients: which complete the handshake, and which wait.</source>
        <translation>一个从不接受连接的服务器，监听队列长度 (backlog) 为 {backlog}，再加上 {clients} 个客户端：哪些能完成握手，哪些要等待。</translation>
    </message>
    <message>
        <source>Half-close and reset</source>
        <translation>半关闭和重置</translation>
    </message>
    <message>
        <source>Half-close lets the replies still arrive; abort sends RST and the other side sees &quot;connection reset&quot;.</source>
        <translation>半关闭后回复仍能到达；中止会发送 RST，对方会看到“连接被重置”。</translation>
    </message>
</context>
<context>
    <name>demos.runner</name>
    <message>
        <source>Your server on port {port} is stopped for this demo; End demo starts it again.</source>
        <translation>你在端口 {port} 上的服务器已为这个演示停止；点击“结束演示”会重新启动它。</translation>
    </message>
    <message>
        <source>The demo went wrong ({kind}: {error}).</source>
        <translation>演示出错了（{kind}: {error}）。</translation>
    </message>
    <message>
        <source>This step did not happen within {seconds} s: {waiting_for}. The demo stops here.</source>
        <translation>这一步在 {seconds} s 内没有完成：等待{waiting_for}。演示到此停止。</translation>
    </message>
    <message>
        <source>the next event</source>
        <translation>下一个事件</translation>
    </message>
</context>
<context>
    <name>desktop_entry</name>
    <message>
        <source>TCP Lab is in your application menu now: {entry} (icon: {icon}).</source>
        <translation>TCP Lab 已加入应用程序菜单：{entry}（图标：{icon}）。</translation>
    </message>
    <message>
        <source>Removed {paths}.</source>
        <translation>已删除 {paths}。</translation>
    </message>
    <message>
        <source>There was no TCP Lab menu entry to remove.</source>
        <translation>没有可删除的 TCP Lab 菜单项。</translation>
    </message>
    <message>
        <source>Could not write the menu entry: {reason}.</source>
        <translation>无法写入菜单项：{reason}。</translation>
    </message>
</context>
<context>
    <name>diagram_view</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Larger (Ctrl + mouse wheel too, or Ctrl++ while the diagram has the focus)</source>
        <translation>放大（也可以用 Ctrl + 鼠标滚轮，或在图有焦点时按 Ctrl++）</translation>
    </message>
    <message>
        <source>Zoom o&amp;ut</source>
        <translation>缩小(&amp;U)</translation>
    </message>
    <message>
        <source>Smaller (Ctrl+- while the diagram has the focus; Ctrl+0 for its own size)</source>
        <translation>缩小（图有焦点时按 Ctrl+-；Ctrl+0 恢复原始大小）</translation>
    </message>
    <message>
        <source>Fit to &amp;pane</source>
        <translation>适合窗格(&amp;P)</translation>
    </message>
    <message>
        <source>The whole diagram, as large as its pane allows (F while the diagram has the focus)</source>
        <translation>显示整张图，在窗格中尽量放大（图有焦点时按 F）</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Permission denied: ports below 1024 (you chose {port}) need administrator rights. Choose a port from 1024 to 65535.</source>
        <translation>没有权限：1024 以下的端口（你选择的是 {port}）需要管理员权限。请选择 1024 到 65535 之间的端口。</translation>
    </message>
    <message>
        <source>Permission denied: this computer does not allow listening on {where}.</source>
        <translation>没有权限：这台计算机不允许在 {where} 上监听。</translation>
    </message>
    <message>
        <source>This computer has no network address {host}. Use 127.0.0.1 for this computer only, or 0.0.0.0 to let other computers connect.</source>
        <translation>这台计算机没有网络地址 {host}。使用 127.0.0.1 表示仅限本机，或使用 0.0.0.0 允许其他计算机连接。</translation>
    </message>
    <message>
        <source>Port {port} is already in use on {host}: another program (or another server in TCP Lab) is listening there. Stop it, or choose another port (0 picks a free one).</source>
        <translation>{host} 上的端口 {port} 已被占用：另一个程序（或 TCP Lab 中的另一个服务器）正在那里监听。请先停止它，或换一个端口（0 表示自动选一个空闲端口）。</translation>
    </message>
    <message>
        <source>Port {port} is already in use on {host}: another server in this TCP Lab is listening there. Stop it, or choose another port (0 picks a free one).</source>
        <translation>{host} 上的端口 {port} 已被占用：这个 TCP Lab 中的另一个服务器正在那里监听。请先停止它，或换一个端口（0 表示自动选一个空闲端口）。</translation>
    </message>
    <message>
        <source>Port {port} is already in use on {host}: the program {name} (process {pid}) is listening there. Stop it, or choose another port (0 picks a free one).</source>
        <translation>{host} 上的端口 {port} 已被占用：程序 {name}（进程 {pid}）正在那里监听。请先停止它，或换一个端口（0 表示自动选一个空闲端口）。</translation>
    </message>
    <message>
        <source>Unknown host &quot;{host}&quot;: no computer with that name could be found. Check the spelling, or use 127.0.0.1 for this computer.</source>
        <translation>未知主机“{host}”：找不到叫这个名字的计算机。请检查拼写，或使用 127.0.0.1 表示本机。</translation>
    </message>
    <message>
        <source>No answer from {where} within {timeout} seconds: the computer may be off, unreachable, or a firewall may be dropping the connection.</source>
        <translation>{where} 在 {timeout} 秒内没有应答：那台计算机可能已关机、无法访问，或者有防火墙在丢弃这个连接。</translation>
    </message>
    <message>
        <source>Connection refused: nothing is listening on {where}. Start the server first, or check the port number.</source>
        <translation>连接被拒绝：{where} 上没有程序在监听。请先启动服务器，或检查端口号。</translation>
    </message>
    <message>
        <source>Could not connect to {where}: {reason}</source>
        <translation>无法连接到 {where}：{reason}</translation>
    </message>
    <message>
        <source>The other side reset the connection ({where}): it aborted instead of closing normally (a TCP RST arrived). Any data still in flight is lost.</source>
        <translation>对方重置了连接（{where}）：它中止了连接，而不是正常关闭（收到了 TCP RST）。仍在传输途中的数据都已丢失。</translation>
    </message>
    <message>
        <source>The other side reset the connection: it aborted instead of closing normally (a TCP RST arrived). Any data still in flight is lost.</source>
        <translation>对方重置了连接：它中止了连接，而不是正常关闭（收到了 TCP RST）。仍在传输途中的数据都已丢失。</translation>
    </message>
    <message>
        <source>The other side has already closed the connection ({where}), so this data could not be sent.</source>
        <translation>对方已经关闭了连接（{where}），所以这些数据无法发送。</translation>
    </message>
    <message>
        <source>The other side has already closed the connection, so this data could not be sent.</source>
        <translation>对方已经关闭了连接，所以这些数据无法发送。</translation>
    </message>
    <message>
        <source>The network is unreachable ({where}): this computer has no route there.</source>
        <translation>网络不可达（{where}）：这台计算机没有通往那里的路由。</translation>
    </message>
    <message>
        <source>The network is unreachable: this computer has no route there.</source>
        <translation>网络不可达：这台计算机没有通往那里的路由。</translation>
    </message>
    <message>
        <source>The computer cannot be reached ({where}): no route to it.</source>
        <translation>无法到达那台计算机（{where}）：没有通往它的路由。</translation>
    </message>
    <message>
        <source>The computer cannot be reached: no route to it.</source>
        <translation>无法到达那台计算机：没有通往它的路由。</translation>
    </message>
    <message>
        <source>Too many open connections and files ({where}): the limit on open files is reached, so no new connection can be accepted right now.</source>
        <translation>打开的连接和文件太多（{where}）：已达到打开文件数的上限，所以现在无法接受新的连接。</translation>
    </message>
    <message>
        <source>Too many open connections and files: the limit on open files is reached, so no new connection can be accepted right now.</source>
        <translation>打开的连接和文件太多：已达到打开文件数的上限，所以现在无法接受新的连接。</translation>
    </message>
    <message>
        <source>The operation timed out ({where}).</source>
        <translation>操作超时（{where}）。</translation>
    </message>
    <message>
        <source>The operation timed out.</source>
        <translation>操作超时。</translation>
    </message>
    <message>
        <source>A network error happened ({where}): {reason}.</source>
        <translation>发生了网络错误（{where}）：{reason}。</translation>
    </message>
    <message>
        <source>A network error happened: {reason}.</source>
        <translation>发生了网络错误：{reason}。</translation>
    </message>
    <message>
        <source>New clients cannot be accepted now. {reason} The server keeps serving the clients it has; new ones wait in the listen queue and are accepted as soon as some leave.</source>
        <translation>现在无法接受新的客户端。{reason}服务器会继续为已有的客户端服务；新来的客户端在全连接队列（accept queue）中等待，一旦有客户端离开，就会被接受。</translation>
    </message>
    <message>
        <source>Connection {conn_id} sent nothing and was sent nothing for {idle} seconds, so the server closes it (the idle timeout: a client that connects and goes quiet cannot hold the server&apos;s resources for ever; 0 turns it off).</source>
        <translation>连接 {conn_id} 已有 {idle} 秒既没有发送也没有收到任何数据，因此服务器关闭它（空闲超时：客户端连接后一直不出声，也不能永远占用服务器的资源；设为 0 即可关闭此功能）。</translation>
    </message>
</context>
<context>
    <name>file_sender</name>
    <message>
        <source>“{name}” is {size} MiB: TCP Lab sends files of up to {most} MiB.</source>
        <translation>“{name}”有 {size} MiB：TCP Lab 最多发送 {most} MiB 的文件。</translation>
    </message>
    <message>
        <source>“{name}” could not be read: {reason}.</source>
        <translation>无法读取“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>“{name}” is empty: there is nothing to send.</source>
        <translation>“{name}”是空文件：没有可发送的内容。</translation>
    </message>
    <message>
        <source>this account may not read it</source>
        <translation>此账户无权读取它</translation>
    </message>
    <message>
        <source>it is not there any more</source>
        <translation>它已经不在了</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
</context>
<context>
    <name>framing</name>
    <message>
        <source>None: handle each recv() as it comes</source>
        <translation>无：每次 recv() 收到什么就处理什么</translation>
    </message>
    <message>
        <source>Lines: a message ends with \n</source>
        <translation>按行：消息以 \n 结尾</translation>
    </message>
    <message>
        <source>Length prefix: 4 bytes, then the message</source>
        <translation>长度前缀：先是 4 字节的长度，然后是消息</translation>
    </message>
    <message>
        <source>The next message says it is {length} bytes long (its first 4 bytes, {prefix}), more than the {limit} the server takes: the client is probably not sending a length before each message. The server closes the connection.</source>
        <translation>下一条消息声称自己长 {length} 字节（根据它的前 4 个字节 {prefix}），超过了服务器接受的上限 {limit}：客户端很可能没有在每条消息前先发送长度。服务器关闭这个连接。</translation>
    </message>
    <message>
        <source>a whole message: {count} bytes (its end found by a line)</source>
        <translation>一条完整消息：{count} 字节（按行找到结尾）</translation>
    </message>
    <message>
        <source>a whole message: {count} bytes (its end found by its length prefix)</source>
        <translation>一条完整消息：{count} 字节（按长度前缀找到结尾）</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>The server, at the top</source>
        <translation>顶部：服务器</translation>
    </message>
    <message>
        <source>Choose an address, a port, a model (how the server serves several clients at once) and a behaviour (what it does with the bytes it gets), then click Start Server. The bold line under it says what the server is doing right now, and the counters say how much it received and sent.</source>
        <translation>选择地址、端口、模型（服务器如何同时服务多个客户端）和行为（它如何处理收到的字节），然后点击“启动服务器”。下方的粗体行说明服务器此刻正在做什么，计数器显示它一共接收和发送了多少。</translation>
    </message>
    <message>
        <source>The connections table</source>
        <translation>连接表</translation>
    </message>
    <message>
        <source>One row per client the server accepted: where it comes from, which worker (loop, thread or child process) serves it, what that worker is doing, and the bytes in and out. Closed connections stay, greyed out.</source>
        <translation>服务器每接受一个客户端就有一行：它来自哪里、由哪个工作者（循环、线程或子进程）服务、该工作者正在做什么，以及收发的字节数。已关闭的连接会保留，显示为灰色。</translation>
    </message>
    <message>
        <source>The log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Every socket call as it happens, in order: socket(), bind(), listen(), accept(), recv(), send(), close(), and each time a call has to wait. Type in the filter to see only some lines; Ctrl+C copies the selected ones.</source>
        <translation>按发生顺序记录每一次套接字调用：socket()、bind()、listen()、accept()、recv()、send()、close()，以及每次调用需要等待的时刻。在筛选框中输入文字可只看部分行；Ctrl+C 复制选中的行。</translation>
    </message>
    <message>
        <source>Client windows</source>
        <translation>客户端窗口</translation>
    </message>
    <message>
        <source>Each is one client program with one connection. Connect does socket() and connect() (the three-way handshake); type a message and press Enter to send() it. Disconnect closes normally (FIN), Half-close stops sending only, Abort resets (RST).</source>
        <translation>每个窗口是一个客户端程序，拥有一条连接。“连接”执行 socket() 和 connect()（三次握手）；输入消息并按 Enter 即用 send() 发送。“断开”正常关闭（FIN），“半关闭”只停止发送，“中止”则重置连接（RST）。</translation>
    </message>
    <message>
        <source>How the calls flow</source>
        <translation>调用流程</translation>
    </message>
    <message>
        <source>The course notes&apos; diagram of the calls on each side. Each marker is a worker on the call it is in now; a hollow marker is blocked, waiting. Click a call to read what it does.</source>
        <translation>课程笔记中两端调用的流程图。每个标记代表一个工作者，位于它当前所在的调用上；空心标记表示它被阻塞、正在等待。点击某个调用可查看它的作用。</translation>
    </message>
    <message>
        <source>The conversation</source>
        <translation>通信过程</translation>
    </message>
    <message>
        <source>Time runs down; each client and each server worker has a lane. Arrows are the bytes each send() put on the wire. The handshake and the closing segments are drawn grey: the kernel does them, and the app infers them.</source>
        <translation>时间从上往下流动；每个客户端和每个服务器工作者各有一条泳道。箭头是每次 send() 发到网络上的字节。握手和关闭时的报文段画成灰色：它们由内核完成，是本程序推断出来的。</translation>
    </message>
    <message>
        <source>What the kernel sees</source>
        <translation>内核视图</translation>
    </message>
    <message>
        <source>The operating system&apos;s own view of each of the app&apos;s sockets: its TCP state (LISTEN, ESTABLISHED, TIME_WAIT, ...), bytes waiting unread, and connections the kernel accepted before the program did.</source>
        <translation>操作系统自己眼中本程序的每个套接字：它的 TCP 状态（LISTEN、ESTABLISHED、TIME_WAIT……）、等待读取的字节，以及内核已经接受、但程序还没有 accept() 的连接。</translation>
    </message>
    <message>
        <source>Guided demos</source>
        <translation>引导式演示</translation>
    </message>
    <message>
        <source>One click runs a lesson with real sockets and tells, step by step, what just happened and why. End demo puts everything back.</source>
        <translation>点击一下，就用真实的套接字运行一节课，并一步步说明刚刚发生了什么、为什么。“结束演示”会把一切恢复原样。</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我看到的是什么？</translation>
    </message>
    <message>
        <source>a copy that is not installed</source>
        <translation>未安装的副本</translation>
    </message>
    <message>
        <source>TCP Lab {version}

See TCP client/server programming happen: every socket call, on both sides, as it happens, in plain words. Made for teachers and students of socket programming, and for showing people who have never programmed what happens when two programs talk.

Python {python} · Qt {qt} · PySide6 {pyside}
MIT licence.</source>
        <translation>TCP Lab {version}

亲眼看到 TCP 客户端/服务器编程：两端的每一次套接字调用，在发生的那一刻，用通俗的话讲出来。为套接字编程的老师和学生而做，也用来向从未编过程的人展示两个程序通信时发生了什么。

Python {python} · Qt {qt} · PySide6 {pyside}
MIT 许可证。</translation>
    </message>
    <message>
        <source>About TCP Lab</source>
        <translation>关于 TCP Lab</translation>
    </message>
</context>
<context>
    <name>host_text</name>
    <message>
        <source>Enter the server&apos;s address first, e.g. 127.0.0.1.</source>
        <translation>请先输入服务器的地址，例如 127.0.0.1。</translation>
    </message>
    <message>
        <source>“{typed}” looks like a port number, not an address: type the server&apos;s address here (e.g. 127.0.0.1) and the port in the Port box.</source>
        <translation>“{typed}”看起来是端口号，而不是地址：请在这里输入服务器的地址（例如 127.0.0.1），端口填在“端口”框里。</translation>
    </message>
    <message>
        <source>Type only the address here, without “:{port}”: the port goes in the Port box.</source>
        <translation>这里只填地址，不要带“:{port}”：端口填在“端口”框里。</translation>
    </message>
</context>
<context>
    <name>kernel_model</name>
    <message>
        <source>Kernel state</source>
        <translation>内核状态</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>对端地址</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>队列中字节</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>Sent again</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>any (listening)</source>
        <translation>任意（监听中）</translation>
    </message>
    <message>
        <source>only the kernel</source>
        <translation>仅内核</translation>
    </message>
    <message>
        <source>ESTABLISHED, not accepted</source>
        <translation>ESTABLISHED，尚未被接受</translation>
    </message>
    <message>
        <source>TIME_WAIT ({seconds} s left)</source>
        <translation>TIME_WAIT（剩余 {seconds} s）</translation>
    </message>
    <message>
        <source>{waiting} waiting for accept() (backlog {limit}, full)</source>
        <translation>{waiting} 个在等待 accept()（监听队列长度 {limit}，已满）</translation>
    </message>
    <message>
        <source>{waiting} waiting for accept() (backlog {limit})</source>
        <translation>{waiting} 个在等待 accept()（监听队列长度 {limit}）</translation>
    </message>
    <message>
        <source>its SYN, unanswered</source>
        <translation>它发出的 SYN，尚未应答</translation>
    </message>
    <message>
        <source>{unread} B unread, {unacknowledged} B unacknowledged</source>
        <translation>{unread} B 未读，{unacknowledged} B 未确认</translation>
    </message>
    <message>
        <source>{unread} B unread</source>
        <translation>{unread} B 未读</translation>
    </message>
    <message>
        <source>{unacknowledged} B unacknowledged</source>
        <translation>{unacknowledged} B 未确认</translation>
    </message>
    <message>
        <source>from before this demo: {owner}</source>
        <translation>本演示之前留下的：{owner}</translation>
    </message>
    <message>
        <source>{rtt} ms</source>
        <translation>{rtt} ms</translation>
    </message>
    <message>
        <source>{meaning}
(From before this demo: not part of its story.)</source>
        <translation>{meaning}
（本演示之前留下的：与本演示无关。）</translation>
    </message>
</context>
<context>
    <name>kernel_pane</name>
    <message>
        <source>What the operating system reports for the app&apos;s sockets, a few times a second: the handshakes, queues and waiting that no program&apos;s log shows.</source>
        <translation>操作系统每秒几次报告本应用的套接字情况：握手、队列和等待，这些是任何程序的日志都显示不出来的。</translation>
    </message>
    <message>
        <source>server&apos;s kernel: waiting for accept()</source>
        <translation>服务器内核：等待 accept()</translation>
    </message>
    <message>
        <source>only the kernel (no program holds it)</source>
        <translation>仅内核（已没有程序持有它）</translation>
    </message>
    <message>
        <source>server: the listening socket</source>
        <translation>服务器：监听套接字</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>server, connection {conn} ({worker})</source>
        <translation>服务器，连接 {conn}（{worker}）</translation>
    </message>
    <message>
        <source>{client}, in connect()</source>
        <translation>{client}，在 connect() 中</translation>
    </message>
    <message>
        <source>a client window, in connect()</source>
        <translation>某个客户端窗口，在 connect() 中</translation>
    </message>
    <message>
        <source>None of this demo&apos;s sockets is open yet.</source>
        <translation>本演示的套接字还都没有打开。</translation>
    </message>
    <message>
        <source>(And {count} from before this demo, greyed at the end of the table.)</source>
        <translation>（另有 {count} 个是本演示之前留下的，以灰色列在表格末尾。）</translation>
    </message>
    <message>
        <source>No socket of the app is open. Start the server or connect a client.</source>
        <translation>本应用没有打开的套接字。请启动服务器或连接一个客户端。</translation>
    </message>
    <message>
        <source>{count} connection(s) finished the handshake but wait in the listen queue: no accept() yet</source>
        <translation>{count} 个连接已完成握手，但仍在全连接队列中等待：尚未调用 accept()</translation>
    </message>
    <message>
        <source>{count} in CLOSE_WAIT: the other side closed, this one has not</source>
        <translation>{count} 个处于 CLOSE_WAIT：对方已关闭，本方还没有关闭</translation>
    </message>
    <message>
        <source>{count} in TIME_WAIT: closed first, kept a while by the kernel</source>
        <translation>{count} 个处于 TIME_WAIT：本方先关闭，被内核保留一段时间</translation>
    </message>
    <message>
        <source>{count} segment(s) sent again after a loss</source>
        <translation>{count} 个报文段在丢失后被重传</translation>
    </message>
    <message>
        <source>{count} socket(s), from {source}.</source>
        <translation>{count} 个套接字，来自 {source}。</translation>
    </message>
    <message>
        <source>{count} socket(s), from {source}.  {notes}.</source>
        <translation>{count} 个套接字，来自 {source}。{notes}。</translation>
    </message>
    <message>
        <source>Each of the app&apos;s sockets as the operating system sees it; hover a cell for more</source>
        <translation>操作系统眼中本程序的每个套接字；把鼠标停在单元格上可查看更多</translation>
    </message>
    <message>
        <source>The kernel&apos;s sockets</source>
        <translation>内核中的套接字</translation>
    </message>
</context>
<context>
    <name>kernel_view</name>
    <message>
        <source>Listening: the kernel finishes handshakes by itself and queues them until accept() takes one.</source>
        <translation>监听中：内核自己完成握手，并把连接排入队列，直到 accept() 取走一个。</translation>
    </message>
    <message>
        <source>connect() sent SYN and waits for the server&apos;s SYN+ACK.</source>
        <translation>connect() 已发送 SYN，正在等待服务器的 SYN+ACK。</translation>
    </message>
    <message>
        <source>A SYN arrived and the kernel answered SYN+ACK; it waits for the last ACK.</source>
        <translation>收到了 SYN，内核已回复 SYN+ACK；正在等待最后一个 ACK。</translation>
    </message>
    <message>
        <source>Connected: data can flow both ways.</source>
        <translation>已连接：数据可以双向传输。</translation>
    </message>
    <message>
        <source>This side closed (sent FIN) and waits for the other side to acknowledge it.</source>
        <translation>本端已关闭（发送了 FIN），正在等待对方确认。</translation>
    </message>
    <message>
        <source>This side closed and its FIN was acknowledged; it waits for the other side to close too.</source>
        <translation>本端已关闭，且它的 FIN 已被确认；正在等待对方也关闭。</translation>
    </message>
    <message>
        <source>Both sides closed at the same moment; each waits for the ACK of its FIN.</source>
        <translation>双方在同一时刻关闭；各自等待对方对自己 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>This side closed first. The kernel keeps the connection for a while, so that a late segment of it cannot be taken for part of a new connection and the last ACK can be sent again if it was lost.</source>
        <translation>本端先关闭。内核会把这个连接保留一段时间，这样它迟到的报文段就不会被误当成新连接的一部分，而且如果最后一个 ACK 丢失了，还可以重发。</translation>
    </message>
    <message>
        <source>The other side closed (its FIN arrived); this side has not called close() yet.</source>
        <translation>对方已关闭（收到了它的 FIN）；本端还没有调用 close()。</translation>
    </message>
    <message>
        <source>This side closed second and waits for the ACK of its FIN.</source>
        <translation>本端后关闭，正在等待对方对自己 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>Closed: nothing is left of the connection.</source>
        <translation>已关闭：这个连接已经什么都不剩了。</translation>
    </message>
    <message>
        <source>The handshake is done, but no program has called accept() for it yet: it waits in the listen queue.</source>
        <translation>握手已完成，但还没有程序为它调用 accept()：它正在全连接队列（accept queue）中等待。</translation>
    </message>
    <message>
        <source>{meaning} {waiting} waiting now, room for {limit}. The queue is full (Linux keeps one more than the backlog): the kernel drops new SYNs, and those clients wait in SYN_SENT.</source>
        <translation>{meaning}当前有 {waiting} 个在等待，最多可容纳 {limit} 个。队列已满（Linux 会比监听队列长度 (backlog) 多容纳一个）：内核丢弃新的 SYN，那些客户端停留在 SYN_SENT 状态等待。</translation>
    </message>
    <message>
        <source>{meaning} {waiting} waiting now, room for {limit}.</source>
        <translation>{meaning}当前有 {waiting} 个在等待，最多可容纳 {limit} 个。</translation>
    </message>
    <message>
        <source>{meaning} {seconds} s left of {total} s.</source>
        <translation>{meaning}还剩 {seconds} s（共 {total} s）。</translation>
    </message>
    <message>
        <source>netlink (sock_diag)</source>
        <translation>netlink (sock_diag)</translation>
    </message>
    <message>
        <source>The system did not let TCP Lab read its table of connections ({error}). On macOS this needs administrator rights.</source>
        <translation>系统不允许 TCP Lab 读取它的连接表（{error}）。在 macOS 上，这需要管理员权限。</translation>
    </message>
    <message>
        <source>TCP Lab</source>
        <translation>TCP Lab</translation>
    </message>
    <message>
        <source>{name} (process {pid})</source>
        <translation>{name}（进程 {pid}）</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>&amp;System language</source>
        <translation>跟随系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>TCP Lab will speak {language} from its next start.</source>
        <translation>TCP Lab 下次启动时将使用{language}。</translation>
    </message>
</context>
<context>
    <name>limits</name>
    <message>
        <source>could not raise the open-file limit from {soft} to {target}: {reason}</source>
        <translation>无法把打开文件数上限从 {soft} 提高到 {target}：{reason}</translation>
    </message>
    <message>
        <source>the open-file limit is {soft} (the system&apos;s hard limit), but {sockets} sockets need about {needed}: raise it as root with `ulimit -Hn {needed}` or in /etc/security/limits.conf</source>
        <translation>打开文件数上限是 {soft}（系统的硬上限），但 {sockets} 个套接字大约需要 {needed}：请以 root 身份运行 `ulimit -Hn {needed}`，或在 /etc/security/limits.conf 中提高它</translation>
    </message>
</context>
<context>
    <name>log_export</name>
    <message>
        <source>this account may not write there; choose another folder</source>
        <translation>此账户无权在那里写入；请选择其他文件夹</translation>
    </message>
    <message>
        <source>that folder does not exist</source>
        <translation>该文件夹不存在</translation>
    </message>
    <message>
        <source>that is a folder, not a file</source>
        <translation>那是一个文件夹，不是文件</translation>
    </message>
    <message>
        <source>part of that path is a file, not a folder</source>
        <translation>该路径中有一部分是文件而不是文件夹</translation>
    </message>
    <message>
        <source>that disk can only be read</source>
        <translation>该磁盘只读</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
</context>
<context>
    <name>log_filter</name>
    <message>
        <source>{shown} of {total} lines match</source>
        <translation>{total} 行中有 {shown} 行匹配</translation>
    </message>
</context>
<context>
    <name>log_model</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>Conn</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>socket()</source>
        <translation>socket()</translation>
    </message>
    <message>
        <source>bind()</source>
        <translation>bind()</translation>
    </message>
    <message>
        <source>listen()</source>
        <translation>listen()</translation>
    </message>
    <message>
        <source>accept() …</source>
        <translation>accept() …</translation>
    </message>
    <message>
        <source>accept() held</source>
        <translation>accept() 暂不调用</translation>
    </message>
    <message>
        <source>accept() ✓</source>
        <translation>accept() ✓</translation>
    </message>
    <message>
        <source>select() …</source>
        <translation>select() …</translation>
    </message>
    <message>
        <source>refused: full</source>
        <translation>拒绝：已满</translation>
    </message>
    <message>
        <source>connect() …</source>
        <translation>connect() …</translation>
    </message>
    <message>
        <source>connect() ✓</source>
        <translation>connect() ✓</translation>
    </message>
    <message>
        <source>recv() …</source>
        <translation>recv() …</translation>
    </message>
    <message>
        <source>← received</source>
        <translation>← 已接收</translation>
    </message>
    <message>
        <source>✉ message</source>
        <translation>✉ 消息</translation>
    </message>
    <message>
        <source>send() …</source>
        <translation>send() …</translation>
    </message>
    <message>
        <source>→ sent</source>
        <translation>→ 已发送</translation>
    </message>
    <message>
        <source>peer closed (FIN)</source>
        <translation>对端已关闭（FIN）</translation>
    </message>
    <message>
        <source>shutdown(WR)</source>
        <translation>shutdown(WR)</translation>
    </message>
    <message>
        <source>close()</source>
        <translation>close()</translation>
    </message>
    <message>
        <source>abort (RST)</source>
        <translation>中止（RST）</translation>
    </message>
    <message>
        <source>worker started</source>
        <translation>工作者已启动</translation>
    </message>
    <message>
        <source>worker ended</source>
        <translation>工作者已结束</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>{what} ×{count}</source>
        <translation>{what} ×{count}</translation>
    </message>
    <message>
        <source>{count} more times, too fast to list each one; the last: {detail}</source>
        <translation>又发生了 {count} 次，太快了，无法逐条列出；最后一次：{detail}</translation>
    </message>
    <message>
        <source> … (+{count} more bytes)</source>
        <translation> …（还有 {count} 字节）</translation>
    </message>
    <message>
        <source>{count} more recv() calls, {size} bytes, too fast to list each one; the last one&apos;s data: {data}</source>
        <translation>另外 {count} 次 recv() 调用，共 {size} 字节，太快了，无法逐条列出；最后一次的数据：{data}</translation>
    </message>
    <message>
        <source>{count} more send() calls, {size} bytes, too fast to list each one; the last one&apos;s data: {data}</source>
        <translation>另外 {count} 次 send() 调用，共 {size} 字节，太快了，无法逐条列出；最后一次的数据：{data}</translation>
    </message>
    <message>
        <source>{count} more message calls, {size} bytes, too fast to list each one; the last one&apos;s data: {data}</source>
        <translation>另外 {count} 次消息调用，共 {size} 字节，太快了，无法逐条列出；最后一次的数据：{data}</translation>
    </message>
</context>
<context>
    <name>log_view</name>
    <message>
        <source>Every socket call, in order; select lines and press Ctrl+C to copy them</source>
        <translation>按顺序列出每一次套接字调用；选中若干行后按 Ctrl+C 可复制</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Show data as hex</source>
        <translation>以十六进制显示数据</translation>
    </message>
    <message>
        <source>Show the bytes as hexadecimal instead of text</source>
        <translation>以十六进制而不是文本显示字节</translation>
    </message>
    <message>
        <source>How the data&apos;s bytes are read as text</source>
        <translation>把数据的字节按哪种编码读成文字</translation>
    </message>
    <message>
        <source>Show waiting steps</source>
        <translation>显示等待步骤</translation>
    </message>
    <message>
        <source>Log each time a call starts to wait: accept(), recv(), connect(). Turn off for a shorter log under heavy traffic.</source>
        <translation>每当调用开始等待时记录一行：accept()、recv()、connect()。流量很大时关闭此项，日志会短一些。</translation>
    </message>
    <message>
        <source>Remove every line from this log</source>
        <translation>删除此日志中的所有行</translation>
    </message>
    <message>
        <source>Save the lines of this log as text or as CSV (with a filter typed: the lines it shows)</source>
        <translation>把此日志的行保存为文本或 CSV（若输入了筛选条件：只保存显示出来的行）</translation>
    </message>
    <message>
        <source>&amp;Copy selected lines</source>
        <translation>复制选中的行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save log…</source>
        <translation>保存日志(&amp;S)…</translation>
    </message>
    <message>
        <source>Clear lo&amp;g</source>
        <translation>清空日志(&amp;G)</translation>
    </message>
    <message>
        <source>Filter lines (Ctrl+F)</source>
        <translation>筛选行（Ctrl+F）</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>筛选日志</translation>
    </message>
    <message>
        <source>Show only the lines that contain this text, in any column</source>
        <translation>只显示任意一列中包含此文本的行</translation>
    </message>
    <message>
        <source>or as text in</source>
        <translation>或按此编码显示文本：</translation>
    </message>
    <message>
        <source>Text, columns separated by tabs (*.txt)</source>
        <translation>文本，各列以制表符分隔 (*.txt)</translation>
    </message>
    <message>
        <source>CSV, for spreadsheets (*.csv)</source>
        <translation>CSV，用于电子表格 (*.csv)</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <source>The log could not be saved to {path}: {reason}.</source>
        <translation>无法将日志保存到 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{count} lines saved</source>
        <translation>已保存 {count} 行</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>{dropped} older lines dropped; the latest {kept} are kept</source>
        <translation>已丢弃 {dropped} 行较早的日志；保留最新的 {kept} 行</translation>
    </message>
</context>
<context>
    <name>loop_controller</name>
    <message>
        <source>An unexpected error in TCP Lab ended this ({summary}). Please report it.</source>
        <translation>TCP Lab 内部发生意外错误，此操作已结束（{summary}）。请报告此问题。</translation>
    </message>
</context>
<context>
    <name>main_docks</name>
    <message>
        <source>How the calls flow</source>
        <translation>调用流程</translation>
    </message>
    <message>
        <source>The conversation</source>
        <translation>通信过程</translation>
    </message>
    <message>
        <source>What the kernel sees</source>
        <translation>内核视图</translation>
    </message>
    <message>
        <source>Guided demos</source>
        <translation>引导式演示</translation>
    </message>
    <message>
        <source>Guided &amp;demos</source>
        <translation>引导式演示(&amp;D)</translation>
    </message>
    <message>
        <source>How the &amp;calls flow</source>
        <translation>调用流程(&amp;C)</translation>
    </message>
    <message>
        <source>The c&amp;onversation</source>
        <translation>通信过程(&amp;O)</translation>
    </message>
    <message>
        <source>What the &amp;kernel sees</source>
        <translation>内核视图(&amp;K)</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>Server — TCP Lab</source>
        <translation>服务器 — TCP Lab</translation>
    </message>
    <message>
        <source>Every connection of the server</source>
        <translation>服务器的所有连接</translation>
    </message>
    <message>
        <source>One row per accepted connection; click a row to reply to it by hand in manual mode</source>
        <translation>每个已接受的连接占一行；在手动模式下点击某一行即可亲手回复它</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>New client window</source>
        <translation>新建客户端窗口</translation>
    </message>
    <message>
        <source>Open a client window (Ctrl+N)</source>
        <translation>打开一个客户端窗口（Ctrl+N）</translation>
    </message>
    <message>
        <source>How many client windows Open clients and connect opens</source>
        <translation>“打开客户端并连接”一次打开多少个客户端窗口</translation>
    </message>
    <message>
        <source>How many clients to open</source>
        <translation>要打开的客户端数量</translation>
    </message>
    <message>
        <source>&amp;Open clients and connect</source>
        <translation>打开客户端并连接(&amp;O)</translation>
    </message>
    <message>
        <source>Open this many client windows, each connected to the running server</source>
        <translation>打开这么多个客户端窗口，每个都连接到正在运行的服务器</translation>
    </message>
    <message>
        <source>a demo started, with a server and clients of its own</source>
        <translation>演示开始了，它有自己的服务器和客户端</translation>
    </message>
    <message>
        <source>the server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>Opened {opened} of {total}: {reason}.</source>
        <translation>已打开 {opened} / {total}：{reason}。</translation>
    </message>
    <message>
        <source>Opening {opened} of {total}…</source>
        <translation>正在打开：{opened} / {total}…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Forget every remembered setting? The server&apos;s settings, the text size, the language, and where the windows and panes are go back to how TCP Lab first started.</source>
        <translation>要忘掉所有记住的设置吗？服务器设置、文字大小、语言以及各窗口和面板的位置，都会恢复到 TCP Lab 第一次启动时的样子。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New client window</source>
        <translation>新建客户端窗口(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reset settings…</source>
        <translation>重置设置(&amp;R)…</translation>
    </message>
    <message>
        <source>Forget the remembered server settings, text size and window places</source>
        <translation>清除记住的服务器设置、文字大小和窗口位置</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;What am I looking at?</source>
        <translation>我看到的是什么(&amp;W)？</translation>
    </message>
    <message>
        <source>&amp;About TCP Lab</source>
        <translation>关于 TCP Lab(&amp;A)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Start Server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Enter an address to listen on: 127.0.0.1 for this computer only.</source>
        <translation>请输入要监听的地址：127.0.0.1 表示仅限本机。</translation>
    </message>
    <message>
        <source> or </source>
        <comment>between addresses</comment>
        <translation> 或 </translation>
    </message>
    <message>
        <source>⚠ Other computers can connect to this server, at {addresses}. Anyone who can reach this computer over the network can send it data. Use 127.0.0.1 to allow only this computer.</source>
        <translation>⚠ 其他计算机可以连接到此服务器，地址为 {addresses}。网络上任何能访问本机的人都可以向它发送数据。使用 127.0.0.1 可只允许本机连接。</translation>
    </message>
    <message>
        <source>⚠ Other computers can connect to this server (this computer&apos;s network addresses could not be listed). Anyone who can reach this computer over the network can send it data. Use 127.0.0.1 to allow only this computer.</source>
        <translation>⚠ 其他计算机可以连接到此服务器（无法列出本机的网络地址）。网络上任何能访问本机的人都可以向它发送数据。使用 127.0.0.1 可只允许本机连接。</translation>
    </message>
    <message>
        <source>With one client served at a time, chat has nobody to relay to: choose a thread or a process per client to chat.</source>
        <translation>一次只服务一个客户端时，聊天消息无人可转发：要聊天，请选择“每个客户端一个线程”或“每个客户端一个进程”。</translation>
    </message>
    <message>
        <source>Reset settings</source>
        <translation>重置设置</translation>
    </message>
</context>
<context>
    <name>manual_panel</name>
    <message>
        <source>Reply by hand (manual mode)</source>
        <translation>手动回复（手动模式）</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>回复给</translation>
    </message>
    <message>
        <source>Which connection gets the message</source>
        <translation>消息发给哪个连接</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Close the chosen connection from the server&apos;s side</source>
        <translation>从服务器端关闭所选的连接</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>发给：</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>所有连接</translation>
    </message>
    <message>
        <source>Connection {conn_id} ({peer})</source>
        <translation>连接 {conn_id}（{peer}）</translation>
    </message>
    <message>
        <source>No open connection to send to: wait for a client to connect.</source>
        <translation>没有可以发送的已打开连接：请等待客户端连接。</translation>
    </message>
</context>
<context>
    <name>message_editor</name>
    <message>
        <source>No line ending</source>
        <translation>不加换行符</translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <source>CRLF (\r\n)</source>
        <translation>CRLF (\r\n)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <translation>输入消息，按 Enter 发送</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f</source>
        <translation>十六进制字节，例如 48 65 6c 6c 6f</translation>
    </message>
    <message>
        <source>The message to send; Enter sends it</source>
        <translation>要发送的消息；按 Enter 发送</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>要发送的消息</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>行尾</translation>
    </message>
    <message>
        <source>What to add at the end of each message</source>
        <translation>在每条消息末尾添加的内容</translation>
    </message>
    <message>
        <source>Text or hex</source>
        <translation>文本或十六进制</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>发送消息（Enter）</translation>
    </message>
    <message>
        <source>Times to send</source>
        <translation>发送次数</translation>
    </message>
    <message>
        <source>How many times Send sends the message, from 1 to 1,000,000</source>
        <translation>点击“发送”时发送消息的次数，范围 1 到 1,000,000</translation>
    </message>
    <message>
        <source>until I stop it</source>
        <translation>直到我停止</translation>
    </message>
    <message>
        <source>Send again and again until you click Stop</source>
        <translation>一遍又一遍地发送，直到你点击“停止”</translation>
    </message>
    <message>
        <source>Time between sends</source>
        <translation>发送间隔</translation>
    </message>
    <message>
        <source>How long to wait between two copies of the message</source>
        <translation>两次发送消息之间等待多长时间</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Send a file&apos;s bytes exactly as they are on disk</source>
        <translation>按磁盘上的原样发送文件的字节</translation>
    </message>
    <message>
        <source>times, or</source>
        <translation>次，或</translation>
    </message>
    <message>
        <source>· every</source>
        <translation>· 间隔</translation>
    </message>
    <message>
        <source>There is nothing to keep: type a message first.</source>
        <translation>没有可保存的内容：请先输入消息。</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>sent “{name}”, {size} bytes</source>
        <translation>已发送“{name}”，{size} 字节</translation>
    </message>
    <message>
        <source>Invalid hex: {error}</source>
        <translation>十六进制无效：{error}</translation>
    </message>
    <message>
        <source>There is nothing to send: type a message first.</source>
        <translation>没有可发送的内容：请先输入消息。</translation>
    </message>
    <message>
        <source>Text is sent in the encoding beside it; Hex takes bytes like 48 65 6c 6c 6f</source>
        <translation>文本按旁边选择的编码发送；十六进制则直接输入字节，如 48 65 6c 6c 6f</translation>
    </message>
    <message>
        <source>How the text is written as bytes</source>
        <translation>文本按哪种编码写成字节</translation>
    </message>
    <message>
        <source>Se&amp;nd file…</source>
        <translation>发送文件(&amp;N)…</translation>
    </message>
    <message>
        <source>sent {sent}, until stopped</source>
        <translation>已发送 {sent} 次，将一直发送到你停止</translation>
    </message>
    <message>
        <source>sent {sent} of {times}</source>
        <translation>已发送 {sent} 次，共 {times} 次</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop sending copies (Esc)</source>
        <translation>停止重复发送（Esc）</translation>
    </message>
</context>
<context>
    <name>model_texts</name>
    <message>
        <source>Iterative (one client at a time)</source>
        <translation>迭代（一次一个客户端）</translation>
    </message>
    <message>
        <source>Thread per client</source>
        <translation>每个客户端一个线程</translation>
    </message>
    <message>
        <source>Process per client</source>
        <translation>每个客户端一个进程</translation>
    </message>
    <message>
        <source>One thread, select/epoll (all clients)</source>
        <translation>单线程 I/O 多路复用，select/epoll（所有客户端）</translation>
    </message>
    <message>
        <source>One loop: accept() a client, serve it until it leaves, then accept() the next. A second client still connects (the kernel finishes its handshake and queues it) but gets no answer until the first one leaves.</source>
        <translation>一个循环：用 accept() 接受一个客户端，一直为它服务到它离开，然后再用 accept() 接受下一个。第二个客户端仍然能连接上（内核完成它的握手并把它放入队列），但在第一个客户端离开之前得不到任何回答。</translation>
    </message>
    <message>
        <source>The accept loop gives each accepted connection its own thread (pthread_create in the notes), so all clients are served at once. The Worker column names each thread.</source>
        <translation>接受循环为每个已接受的连接分配一个独立的线程（即课程笔记中的 pthread_create），因此所有客户端同时得到服务。“工作者”一列显示每个线程的名称。</translation>
    </message>
    <message>
        <source>The accept loop gives each accepted connection its own child process (fork in the notes), so all clients are served at once. The Worker column shows each child&apos;s pid, which the system&apos;s process list shows too.</source>
        <translation>接受循环为每个已接受的连接分配一个独立的子进程（即课程笔记中的 fork），因此所有客户端同时得到服务。“工作者”一列显示每个子进程的 pid，在系统的进程列表中也能看到。</translation>
    </message>
    <message>
        <source>One thread serves every client (I/O multiplexing): it asks the kernel which sockets are ready with select() (epoll on Linux), then accepts, reads or writes only those, so it never blocks on one client. The Worker column shows the same one loop for every connection.</source>
        <translation>一个线程为所有客户端服务（I/O 多路复用）：它用 select()（在 Linux 上用 epoll）询问内核哪些套接字已就绪，然后只对这些套接字进行接受、读或写，因此永远不会阻塞在某一个客户端上。“工作者”一列对每个连接都显示同一个循环。</translation>
    </message>
    <message>
        <source>Echo (send it back)</source>
        <translation>回显（原样发回）</translation>
    </message>
    <message>
        <source>Uppercase (send it back in capitals)</source>
        <translation>大写（转成大写字母后发回）</translation>
    </message>
    <message>
        <source>Chat (relay to every other client)</source>
        <translation>聊天（转发给其他所有客户端）</translation>
    </message>
    <message>
        <source>Manual (you type the replies)</source>
        <translation>手动（由你输入回复）</translation>
    </message>
</context>
<context>
    <name>port_owner</name>
    <message>
        <source>a program</source>
        <translation>某个程序</translation>
    </message>
</context>
<context>
    <name>process_model</name>
    <message>
        <source>the server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>child process {pid} did not end in time after the server stopped, so it was ended (exit code {code}); connection {conn} is closed</source>
        <translation>服务器停止后，子进程 {pid} 没有及时结束，因此被强制结束（退出码 {code}）；连接 {conn} 已关闭</translation>
    </message>
    <message>
        <source>child process {pid} ended unexpectedly (exit code {code}); connection {conn} is closed</source>
        <translation>子进程 {pid} 意外结束（退出码 {code}）；连接 {conn} 已关闭</translation>
    </message>
    <message>
        <source>child process {pid} is gone</source>
        <translation>子进程 {pid} 已不存在</translation>
    </message>
</context>
<context>
    <name>repeat_sender</name>
    <message>
        <source>Type how many times to send, from 1 to 1,000,000.</source>
        <translation>请输入发送次数，范围 1 到 1,000,000。</translation>
    </message>
    <message>
        <source>“{typed}” is not a number of times: type a whole number such as 10.</source>
        <translation>“{typed}”不是有效的次数：请输入一个整数，例如 10。</translation>
    </message>
    <message>
        <source>Send at least once: type a number from 1 to 1,000,000.</source>
        <translation>至少要发送一次：请输入 1 到 1,000,000 之间的数字。</translation>
    </message>
    <message>
        <source>That is more than 1,000,000 times: tick “until I stop it” to send without end.</source>
        <translation>超过了 1,000,000 次：如需不停地发送，请勾选“直到我停止”。</translation>
    </message>
    <message>
        <source>Stopped after {sent} sent: {problem}</source>
        <translation>已发送 {sent} 次后停止：{problem}</translation>
    </message>
</context>
<context>
    <name>saved_messages</name>
    <message>
        <source>S&amp;aved</source>
        <translation>已保存(&amp;A)</translation>
    </message>
    <message>
        <source>Messages kept to send again with one click</source>
        <translation>保存下来、一键即可再次发送的消息</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>已保存的消息</translation>
    </message>
    <message>
        <source>&amp;Keep this message</source>
        <translation>保存这条消息(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Forget the kept messages</source>
        <translation>清除保存的消息(&amp;F)</translation>
    </message>
</context>
<context>
    <name>select_model</name>
    <message>
        <source>accept() is not called: clients that connect finish the handshake in the kernel and wait in the listen queue, until it is full</source>
        <translation>不调用 accept()：连接进来的客户端在内核中完成握手，然后在全连接队列（accept queue）中等待，直到队列排满</translation>
    </message>
    <message>
        <source>waiting in {call}() for any of {count} sockets to be ready</source>
        <translation>在 {call}() 中等待 {count} 个套接字中的任意一个就绪</translation>
    </message>
    <message>
        <source>recv() returned {size} bytes</source>
        <translation>recv() 返回了 {size} 字节</translation>
    </message>
    <message>
        <source>send() wrote {size} bytes</source>
        <translation>send() 写入了 {size} 字节</translation>
    </message>
    <message>
        <source>the server disconnected it</source>
        <translation>服务器断开了连接</translation>
    </message>
    <message>
        <source>the server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>idle for {seconds} seconds</source>
        <translation>空闲了 {seconds} 秒</translation>
    </message>
    <message>
        <source>accept() returned connection {conn} from {peer} at once: {call}() said the listening socket was ready. The one loop now watches this socket too.</source>
        <translation>accept() 立即返回了来自 {peer} 的连接 {conn}：{call}() 报告监听套接字已就绪。这唯一的循环现在也会监视这个套接字。</translation>
    </message>
    <message>
        <source>the client reset it</source>
        <translation>客户端重置了连接</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>its messages did not follow the framing</source>
        <translation>它的消息不符合分帧规则</translation>
    </message>
    <message>
        <source>recv() returned 0: the client closed its sending side (a FIN arrived). You can still send replies; disconnect it when done.</source>
        <translation>recv() 返回 0：客户端关闭了它的发送方向（收到了 FIN）。你仍然可以发送回复；完成后请断开它。</translation>
    </message>
    <message>
        <source>recv() returned 0: the client closed its sending side (a FIN arrived), so the server closes too, once its replies are sent</source>
        <translation>recv() 返回 0：客户端关闭了它的发送方向（收到了 FIN），因此服务器在回复发送完后也关闭连接</translation>
    </message>
    <message>
        <source>the client closed the connection</source>
        <translation>客户端关闭了连接</translation>
    </message>
    <message>
        <source>More than {limit} bytes wait to be sent to connection {conn}: it reads too slowly, so the server disconnects it.</source>
        <translation>等待发送给连接 {conn} 的数据超过了 {limit} 字节：对方读得太慢，因此服务器断开这个连接。</translation>
    </message>
    <message>
        <source>it fell too far behind</source>
        <translation>它落后得太多了</translation>
    </message>
    <message>
        <source>{size} bytes do not fit in the send buffer; the client is not reading as fast (TCP flow control). The loop keeps them and serves the others meanwhile.</source>
        <translation>发送缓冲区放不下 {size} 字节；客户端读取得没有这么快（TCP 流量控制）。循环先保留这些数据，同时继续为其他连接服务。</translation>
    </message>
    <message>
        <source>the reply could not be sent</source>
        <translation>回复无法发送</translation>
    </message>
    <message>
        <source>Connection {conn} read nothing for {seconds} seconds while data waited for it, so the server disconnects it.</source>
        <translation>有数据在等待连接 {conn} 读取，但它 {seconds} 秒内什么都没读，因此服务器断开这个连接。</translation>
    </message>
    <message>
        <source>it stopped reading</source>
        <translation>它不再读取数据</translation>
    </message>
    <message>
        <source>close(): connection {conn} closed ({reason})</source>
        <translation>close()：连接 {conn} 已关闭（{reason}）</translation>
    </message>
</context>
<context>
    <name>server</name>
    <message>
        <source>&quot;{host}&quot; is not an address of this computer, nor a name that could be found. Use 127.0.0.1, or 0.0.0.0 to let other computers connect.</source>
        <translation>“{host}”既不是这台计算机的地址，也不是能找到的名字。请使用 127.0.0.1，或使用 0.0.0.0 允许其他计算机连接。</translation>
    </message>
    <message>
        <source>Port {port} is not possible: choose 0 to 65535.</source>
        <translation>端口 {port} 无效：请在 0 到 65535 之间选择。</translation>
    </message>
    <message>
        <source>socket({family}, SOCK_STREAM) created the listening socket</source>
        <translation>socket({family}, SOCK_STREAM) 创建了监听套接字</translation>
    </message>
    <message>
        <source>bind() gave the socket the address {address}</source>
        <translation>bind() 为套接字绑定了地址 {address}</translation>
    </message>
    <message>
        <source>{call} failed: {sentence}</source>
        <translation>{call} 失败：{sentence}</translation>
    </message>
    <message>
        <source>listen(backlog={backlog}): the kernel now completes handshakes on {address} and queues them</source>
        <translation>listen(backlog={backlog})：内核现在会在 {address} 上完成握手，并把连接放入队列</translation>
    </message>
    <message>
        <source>waiting in accept() for a client</source>
        <translation>在 accept() 中等待客户端</translation>
    </message>
    <message>
        <source>accept() returned connection {conn} from {peer} (a new socket; the listening socket keeps listening)</source>
        <translation>accept() 返回了来自 {peer} 的连接 {conn}（这是一个新的套接字；监听套接字继续监听）</translation>
    </message>
    <message>
        <source>No worker could be started for connection {conn}, so it is closed; the server keeps accepting. Reason: {reason}</source>
        <translation>无法为连接 {conn} 启动工作者，因此关闭这个连接；服务器继续接受新连接。原因：{reason}</translation>
    </message>
    <message>
        <source>close(): connection {conn} closed (no worker)</source>
        <translation>close()：连接 {conn} 已关闭（没有工作者）</translation>
    </message>
    <message>
        <source>pthread_create(): {worker} serves connection {conn}</source>
        <translation>pthread_create()：{worker} 为连接 {conn} 服务</translation>
    </message>
    <message>
        <source>{worker} ends</source>
        <translation>{worker} 结束</translation>
    </message>
    <message>
        <source>the server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>the server disconnected it</source>
        <translation>服务器断开了连接</translation>
    </message>
    <message>
        <source>close(): the listening socket is closed; no new client can connect</source>
        <translation>close()：监听套接字已关闭；新的客户端无法再连接</translation>
    </message>
</context>
<context>
    <name>server_controller</name>
    <message>
        <source>Stopped. Choose a model and click Start Server.</source>
        <translation>已停止。请选择一种服务器模型，然后点击“启动服务器”。</translation>
    </message>
    <message>
        <source>The server stopped because of an unexpected error in TCP Lab ({summary}). Please report it; Start Server again to go on.</source>
        <translation>由于 TCP Lab 内部发生意外错误（{summary}），服务器已停止。请报告此问题；再次点击“启动服务器”即可继续。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Listening on {where}, but never calling accept(): clients that connect wait in the listen queue (the kernel&apos;s view shows them).</source>
        <translation>正在 {where} 上监听，但从不调用 accept()：连接进来的客户端在全连接队列中等待（内核视图里能看到它们）。</translation>
    </message>
    <message>
        <source>Listening on {where}. The one loop is busy serving a client; new clients wait in the listen queue until it leaves.</source>
        <translation>正在 {where} 上监听。唯一的循环正忙于服务一个客户端；新客户端在全连接队列中等待，直到该客户端离开。</translation>
    </message>
    <message>
        <source>Listening on {where}. One thread watches the listening socket and every connection with select()/epoll (1 client connected).</source>
        <translation>正在 {where} 上监听。一个线程用 select()/epoll 同时监视监听套接字和所有连接（已连接 1 个客户端）。</translation>
    </message>
    <message>
        <source>Listening on {where}. One thread watches the listening socket and every connection with select()/epoll ({count} clients connected).</source>
        <translation>正在 {where} 上监听。一个线程用 select()/epoll 同时监视监听套接字和所有连接（已连接 {count} 个客户端）。</translation>
    </message>
    <message>
        <source>Listening on {where}, waiting in accept() for a client (1 client connected).</source>
        <translation>正在 {where} 上监听，在 accept() 中等待客户端（已连接 1 个客户端）。</translation>
    </message>
    <message>
        <source>Listening on {where}, waiting in accept() for a client ({count} clients connected).</source>
        <translation>正在 {where} 上监听，在 accept() 中等待客户端（已连接 {count} 个客户端）。</translation>
    </message>
    <message>
        <source>Listening on {where}, waiting in accept() for a client.</source>
        <translation>正在 {where} 上监听，在 accept() 中等待客户端。</translation>
    </message>
    <message>
        <source>Listening on {where} (1 client connected).</source>
        <translation>正在 {where} 上监听（已连接 1 个客户端）。</translation>
    </message>
    <message>
        <source>Listening on {where} ({count} clients connected).</source>
        <translation>正在 {where} 上监听（已连接 {count} 个客户端）。</translation>
    </message>
</context>
<context>
    <name>server_form</name>
    <message>
        <source>None: handle each recv() as it comes</source>
        <translation>无：每次 recv() 收到数据就直接处理</translation>
    </message>
    <message>
        <source>Lines: a message ends with \n</source>
        <translation>按行：消息以 \n 结尾</translation>
    </message>
    <message>
        <source>Length prefix: 4 bytes, then the message</source>
        <translation>长度前缀：先是 4 字节长度，然后是消息</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>127.0.0.1: only this computer can connect (safe). 0.0.0.0: other computers can connect too.</source>
        <translation>127.0.0.1：只有本机能连接（安全）。0.0.0.0：其他计算机也能连接。</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>服务器端口</translation>
    </message>
    <message>
        <source>0 lets the system pick a free port</source>
        <translation>0 表示由系统选择一个空闲端口</translation>
    </message>
    <message>
        <source>How the server serves several clients at once (explained below)</source>
        <translation>服务器如何同时服务多个客户端（下方有说明）</translation>
    </message>
    <message>
        <source>Concurrency model</source>
        <translation>并发模型</translation>
    </message>
    <message>
        <source>What the server does with the bytes it gets</source>
        <translation>服务器如何处理收到的字节</translation>
    </message>
    <message>
        <source>What the server does with data</source>
        <translation>服务器如何处理数据</translation>
    </message>
    <message>
        <source>How the server finds messages</source>
        <translation>服务器如何划分消息</translation>
    </message>
    <message>
        <source>TCP is a stream: it keeps no boundaries between send()s. A framing marks where each message ends; the server then answers whole messages.</source>
        <translation>TCP 是字节流：它不保留各次 send() 之间的边界。分帧会标出每条消息在哪里结束，服务器随后按完整的消息来回应。</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>监听队列长度</translation>
    </message>
    <message>
        <source>listen(backlog): how many finished handshakes the kernel queues before accept() takes them</source>
        <translation>listen(backlog)：监听队列长度，即在 accept() 取走之前，内核最多排队保存多少个已完成握手的连接</translation>
    </message>
    <message>
        <source>Clients at most</source>
        <translation>客户端上限</translation>
    </message>
    <message>
        <source>Clients served at once; the next one is told the server is full and closed</source>
        <translation>同时服务的客户端数量；再来的客户端会被告知服务器已满，然后被关闭连接</translation>
    </message>
    <message>
        <source>Most bytes queued per client, in MiB</source>
        <translation>每个客户端最多排队的字节数，单位 MiB</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Chat relays and your replies wait for a slow client up to this much; a client further behind is disconnected</source>
        <translation>聊天转发和你的回复最多为慢速客户端积压这么多数据；落后更多的客户端将被断开连接</translation>
    </message>
    <message>
        <source>Idle timeout in seconds</source>
        <translation>空闲超时（秒）</translation>
    </message>
    <message>
        <source> s</source>
        <comment>seconds</comment>
        <translation> s</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Close a connection that sends and is sent nothing for this long (0: never)</source>
        <translation>连接在这么长时间内既没有发送也没有收到任何数据时，将其关闭（0：从不）</translation>
    </message>
    <message>
        <source>Start Server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <source>socket(), bind(), listen(), then accept() clients (Ctrl+R)</source>
        <translation>依次调用 socket()、bind()、listen()，然后 accept() 接受客户端（Ctrl+R）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Close every connection and the listening socket (Ctrl+T)</source>
        <translation>关闭所有连接和监听套接字（Ctrl+T）</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Backlog:</source>
        <translation>监听队列长度：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Clients at most:</source>
        <translation>客户端上限：</translation>
    </message>
    <message>
        <source>Queued per client:</source>
        <translation>每个客户端排队上限：</translation>
    </message>
    <message>
        <source>Close when idle for:</source>
        <translation>空闲多久后关闭：</translation>
    </message>
    <message>
        <source>Limits:</source>
        <translation>上限：</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>Behaviour:</source>
        <translation>行为：</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>send() wrote {size} bytes</source>
        <translation>send() 写入了 {size} 字节</translation>
    </message>
    <message>
        <source>waiting in send(): {size} bytes do not fit in the send buffer; the client is not reading as fast (TCP flow control)</source>
        <translation>在 send() 中等待：发送缓冲区放不下 {size} 字节；客户端读取得没有这么快（TCP 流量控制）</translation>
    </message>
    <message>
        <source>Connection {conn} read nothing for {seconds} seconds while data waited for it, so the server disconnects it (a client that never reads would otherwise hold up everyone it is sent to).</source>
        <translation>有数据在等待连接 {conn} 读取，但它 {seconds} 秒内什么都没读，因此服务器断开这个连接（否则，一个从不读取的客户端会拖住所有要发送数据给它的一方）。</translation>
    </message>
    <message>
        <source>it stopped reading</source>
        <translation>它不再读取数据</translation>
    </message>
    <message>
        <source>the reply could not be sent</source>
        <translation>回复无法发送</translation>
    </message>
    <message>
        <source>waiting in recv() for data from the client</source>
        <translation>在 recv() 中等待客户端的数据</translation>
    </message>
    <message>
        <source>recv() returned {size} bytes</source>
        <translation>recv() 返回了 {size} 字节</translation>
    </message>
    <message>
        <source>the client reset it</source>
        <translation>客户端重置了连接</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>its messages did not follow the framing</source>
        <translation>它的消息不符合分帧规则</translation>
    </message>
    <message>
        <source>close(): connection {conn} closed ({reason})</source>
        <translation>close()：连接 {conn} 已关闭（{reason}）</translation>
    </message>
    <message>
        <source>recv() returned 0: the client closed its sending side (a FIN arrived), so the server closes too</source>
        <translation>recv() 返回 0：客户端关闭了它的发送方向（收到了 FIN），因此服务器也关闭连接</translation>
    </message>
    <message>
        <source>the client closed the connection</source>
        <translation>客户端关闭了连接</translation>
    </message>
    <message>
        <source>recv() returned 0: the client closed its sending side (a FIN arrived). You can still send replies; disconnect it when done.</source>
        <translation>recv() 返回 0：客户端关闭了它的发送方向（收到了 FIN）。你仍然可以发送回复；完成后请断开它。</translation>
    </message>
    <message>
        <source>connection {conn} from {peer} was told the server is full and closed: the server already serves {limit} clients (its limit)</source>
        <translation>来自 {peer} 的连接 {conn} 被告知服务器已满，随后被关闭：服务器已经在为 {limit} 个客户端服务（已达上限）</translation>
    </message>
</context>
<context>
    <name>tcp_state_diagram</name>
    <message>
        <source>listen()</source>
        <translation>listen()</translation>
    </message>
    <message>
        <source>connect(): SYN →</source>
        <translation>connect()：SYN →</translation>
    </message>
    <message>
        <source>SYN in, SYN+ACK out</source>
        <translation>收到 SYN，发出 SYN+ACK</translation>
    </message>
    <message>
        <source>SYN+ACK in, ACK out</source>
        <translation>收到 SYN+ACK，发出 ACK</translation>
    </message>
    <message>
        <source>ACK in</source>
        <translation>收到 ACK</translation>
    </message>
    <message>
        <source>close(): FIN out</source>
        <translation>close()：发出 FIN</translation>
    </message>
    <message>
        <source>FIN in, ACK out</source>
        <translation>收到 FIN，发出 ACK</translation>
    </message>
    <message>
        <source>FIN in</source>
        <translation>收到 FIN</translation>
    </message>
    <message>
        <source>60 s later</source>
        <translation>60 s 后</translation>
    </message>
    <message>
        <source>TCP state machine</source>
        <translation>TCP 状态机</translation>
    </message>
    <message>
        <source>No socket of the app is open.</source>
        <translation>本应用没有打开的套接字。</translation>
    </message>
    <message>
        <source>Ctrl + mouse wheel zooms; so do Ctrl++ and Ctrl+- while the diagram has the focus.</source>
        <translation>Ctrl + 鼠标滚轮缩放；图有焦点时 Ctrl++ 和 Ctrl+- 也可以。</translation>
    </message>
    <message>
        <source>{state}: {meaning}
{count} socket(s) of the app are in it now.</source>
        <translation>{state}：{meaning}
本应用当前有 {count} 个套接字处于此状态。</translation>
    </message>
    <message>
        <source>{state}: {meaning}</source>
        <translation>{state}：{meaning}</translation>
    </message>
</context>
<context>
    <name>text</name>
    <message>
        <source>&quot;{char}&quot; is not a hex digit (use 0-9 and a-f, e.g. 48 69).</source>
        <translation>“{char}”不是十六进制数字（请使用 0-9 和 a-f，例如 48 69）。</translation>
    </message>
    <message>
        <source>Hex needs two digits per byte: one digit is missing (e.g. 0a, not a).</source>
        <translation>十六进制每个字节需要两位数字：少了一位（例如写 0a，而不是 a）。</translation>
    </message>
</context>
<context>
    <name>text_encodings</name>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>GB18030 (GBK)</source>
        <translation>GB18030 (GBK)</translation>
    </message>
    <message>
        <source>Latin-1</source>
        <translation>Latin-1</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>“{char}” cannot be written in {encoding}: choose UTF-8 or GB18030, or send it as hex.</source>
        <translation>“{char}”无法用 {encoding} 编码写出：请选择 UTF-8 或 GB18030，或者用十六进制发送。</translation>
    </message>
</context>
<context>
    <name>text_room</name>
    <message>
        <source>This screen has no room for larger text: the window would no longer fit on it.</source>
        <translation>这个屏幕放不下更大的文字：窗口会超出屏幕。</translation>
    </message>
</context>
<context>
    <name>traffic_counters</name>
    <message>
        <source>Rese&amp;t</source>
        <translation>清零(&amp;T)</translation>
    </message>
    <message>
        <source>Count bytes and calls from zero again</source>
        <translation>字节数和调用次数从零重新计数</translation>
    </message>
    <message>
        <source>Reset the counters</source>
        <translation>计数器清零</translation>
    </message>
    <message>
        <source>received {bytes_in} B in {recv_calls} recv() · sent {bytes_out} B in {send_calls} send()</source>
        <translation>接收 {bytes_in} B（{recv_calls} 次 recv()）· 发送 {bytes_out} B（{send_calls} 次 send()）</translation>
    </message>
</context>
<context>
    <name>worker_names</name>
    <message>
        <source>accept loop</source>
        <translation>accept 循环</translation>
    </message>
    <message>
        <source>main loop</source>
        <translation>主循环</translation>
    </message>
    <message>
        <source>select loop</source>
        <translation>select 循环</translation>
    </message>
    <message>
        <source>child monitor</source>
        <translation>子进程监视线程</translation>
    </message>
    <message>
        <source>idle watch</source>
        <translation>空闲检查线程</translation>
    </message>
    <message>
        <source>thread conn-{number}</source>
        <translation>线程 conn-{number}</translation>
    </message>
    <message>
        <source>pid {number}</source>
        <translation>进程 pid {number}</translation>
    </message>
    <message>
        <source>client {number}</source>
        <translation>客户端 {number}</translation>
    </message>
    <message>
        <source>conn-{number}</source>
        <translation>连接 conn-{number}</translation>
    </message>
    <message>
        <source>{worker} sender</source>
        <translation>{worker} 的发送线程</translation>
    </message>
</context>
</TS>
