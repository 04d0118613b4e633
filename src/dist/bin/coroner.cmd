@echo off
rem coroner launcher (unpacked distribution): runs lib\coroner.jar next to this folder.
setlocal
set "JAR=%~dp0..\lib\coroner.jar"
if not exist "%JAR%" set "JAR=%~dp0..\lib\coroner\coroner.jar"
if not exist "%JAR%" (
  echo coroner: cannot find coroner.jar in %~dp0..\lib 1>&2
  exit /b 3
)
rem the same fixed heap as coroner.cmd at the top of the repository (docs/bounds.md)
rem and the same JVM options (serial GC, -XX:InlineSmallCode=1000 -XX:FreqInlineSize=100: smaller JIT compilations; see ./coroner)
rem the old generation starts at 16 MB and grows with the live set up to the same maximum (see ./coroner)
set "HEAP=-Xmx96m -Xms48m -Xmn32m"
if /i "%~1"=="search" set "HEAP=-Xmx160m"
if /i "%~1"=="shell" set "HEAP=-Xmx160m"
if "%CORONER_JAVA_OPTS%"=="" set "CORONER_JAVA_OPTS=%HEAP% -XX:+UseSerialGC -XX:InlineSmallCode=1000 -XX:FreqInlineSize=100 -Xshare:auto"
java %CORONER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
