@echo off
rem coroner launcher (unpacked distribution): runs lib\coroner.jar next to this folder.
setlocal
set "JAR=%~dp0..\lib\coroner.jar"
if not exist "%JAR%" set "JAR=%~dp0..\lib\coroner\coroner.jar"
if not exist "%JAR%" (
  echo coroner: cannot find coroner.jar in %~dp0..\lib 1>&2
  exit /b 3
)
if "%CORONER_JAVA_OPTS%"=="" set "CORONER_JAVA_OPTS=-Xmx256m -XX:+UseSerialGC -Xshare:auto"
java %CORONER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
