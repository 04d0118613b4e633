@echo off
rem Runs coroner from this checkout on Windows; builds target\coroner.jar first when it is missing.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\coroner.jar"
if not exist "%JAR%" (
  echo coroner: building %JAR% ^(first run, about a minute^)... 1>&2
  pushd "%HERE%" && call mvn -q -B package -DskipTests 1>&2 & popd
)
rem a fixed heap (see ./coroner): 96 MB keeps diagnose and timeline under 200 MB RSS; 160 MB for index builds;
rem -XX:InlineSmallCode=1000 -XX:FreqInlineSize=100 keep the JIT's compilations smaller (see ./coroner)
rem the old generation starts at 16 MB and grows with the live set up to the same maximum (see ./coroner)
set "HEAP=-Xmx96m -Xms48m -Xmn32m"
if /i "%~1"=="search" set "HEAP=-Xmx160m"
if /i "%~1"=="shell" set "HEAP=-Xmx160m"
if "%CORONER_JAVA_OPTS%"=="" set "CORONER_JAVA_OPTS=%HEAP% -XX:+UseSerialGC -XX:InlineSmallCode=1000 -XX:FreqInlineSize=100 -Xshare:auto"
java %CORONER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
